using Cuboid.Media.Probe;
using Cuboid.Media.Scenes;

namespace Cuboid.Media.Analysis;

/// <summary>Everything one analysis pass learned. Its size grows with the number of samples, cuts and profile
/// buckets, never with the number of frames.</summary>
/// <param name="Path">The analysed file.</param>
/// <param name="Width">Analysis frame width.</param>
/// <param name="Height">Analysis frame height.</param>
/// <param name="FrameCount">Frames decoded.</param>
/// <param name="FirstFrameTime">Time of the first frame in seconds (0 for most files).</param>
/// <param name="LastFrameTime">Time of the last frame in seconds.</param>
/// <param name="Duration">The container's duration in seconds (probe).</param>
/// <param name="Samples">Chosen frames in time order.</param>
/// <param name="Boundaries">Cuts, fade-outs and fade-ins in time order.</param>
/// <param name="MotionProfile">Per-bucket luma, motion and cuboid activity.</param>
/// <param name="Summary">Whole-video statistics.</param>
/// <param name="ExportFallbacks">Samples whose JPEG had to be cut with a separate seek because the single pass did not
/// keep that frame (rare: a cut the pass's cheap pre-filter did not flag).</param>
/// <param name="ExportCandidates">Frames ffmpeg JPEG-encoded as possible samples during the pass (chosen or not).</param>
/// <param name="DecodeErrors">Complaints ffmpeg's decoder printed about corrupt data; the pass goes on past them.</param>
/// <param name="FirstDecodeError">The first of those complaints, or null.</param>
/// <param name="Elapsed">Wall time of the pass.</param>
public sealed record AnalysisResult(
    string Path,
    int Width,
    int Height,
    long FrameCount,
    double FirstFrameTime,
    double LastFrameTime,
    double Duration,
    IReadOnlyList<AnalysisSample> Samples,
    IReadOnlyList<SceneBoundary> Boundaries,
    IReadOnlyList<MotionProfilePoint> MotionProfile,
    AnalysisSummary Summary,
    int ExportFallbacks,
    int ExportCandidates,
    int DecodeErrors,
    string? FirstDecodeError,
    TimeSpan Elapsed)
{
    /// <summary>Extra ffmpeg runs that exported <see cref="ExportFallbacks"/>: one seek each for a few, one batched
    /// decode for many.</summary>
    public int ExportFallbackRuns { get; init; }

    /// <summary>Set when the file ends before its header says: everything in this result covers only the decodable part.</summary>
    public Truncation? Truncation { get; init; }

    /// <summary>Where the part of the file the pass covered ends, in seconds: the decodable length of a truncated file,
    /// else the probed duration (or the last frame's time, when a file's timestamps run past it).</summary>
    public double End => Truncation is { } truncation ? truncation.DecodableLength.TotalSeconds : Math.Max(Duration, LastFrameTime);

    /// <summary>The warnings for the user, in order: truncation, then corrupt data.</summary>
    public IReadOnlyList<string> Warnings => [.. new[] { Truncation?.Warning(Path), DecodeWarning }.OfType<string>()];

    /// <summary>One line for the user when the decoder met corrupt data, else null. A truncated file's last packet is cut
    /// too, and its decode errors are the truncation's: the one truncation warning says it all.</summary>
    public string? DecodeWarning => DecodeErrors == 0 || Truncation is not null ? null
        : $"{DecodeErrors} decode error(s) (corrupt frames were skipped; scene boundaries near them may be off): {FirstDecodeError}";

    /// <summary>The shot boundaries only (hard cuts and fade midpoints).</summary>
    public IReadOnlyList<SceneBoundary> Cuts => [.. Boundaries.Where(b => b.Kind == SceneBoundaryKind.Cut)];
}
