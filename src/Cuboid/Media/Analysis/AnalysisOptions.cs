using Cuboid.Media.Probe;
using Cuboid.Media.Scenes;

namespace Cuboid.Media.Analysis;

/// <summary>Settings of one analysis pass. Defaults: a sample every 5 s plus one after every cut, content detector,
/// 128 px analysis frames, no export.</summary>
public sealed record AnalysisOptions
{
    /// <summary>Interval sampling period; null samples no intervals (only the first frame and cuts).</summary>
    public TimeSpan? SampleInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Also sample the first frame of every new shot.</summary>
    public bool SampleAfterCuts { get; init; } = true;

    /// <summary>How cuts and fades are detected during the pass.</summary>
    public SceneDetectionOptions Scenes { get; init; } = new();

    /// <summary>Long side of the analysis frames in pixels (32-512). 128 keeps the managed work a small fraction of decoding.</summary>
    public int AnalysisLongSide { get; init; } = 128;

    /// <summary>Folder for the samples' caption-resolution JPEGs, written during the same decode; null exports nothing.</summary>
    public string? ExportDirectory { get; init; }

    /// <summary>Long side of exported frames (never upscaled), upright and in display aspect.</summary>
    public int ExportLongSide { get; init; } = 768;

    /// <summary>ffmpeg JPEG quality (<c>-q:v</c>, 2 best to 31 worst).</summary>
    public int JpegQuality { get; init; } = 3;

    /// <summary>Decoder threads (<c>-threads</c>); null lets ffmpeg choose.</summary>
    public int? Threads { get; init; }

    /// <summary>Length of a motion profile bucket.</summary>
    public TimeSpan ProfileBucket { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>More consumers fed from the same decode (e.g. a per-frame statistics writer).</summary>
    public IReadOnlyList<IFrameConsumer> Consumers { get; init; } = [];

    /// <summary>Receives decode progress as the pass goes; null reports none.</summary>
    public IProgress<DecodeProgress>? Progress { get; init; }

    /// <summary>ffmpeg scene score above which the export branch keeps a frame as a possible shot start. Tests raise
    /// it to force the fallback export.</summary>
    internal double CutCandidateScene { get; init; } = AnalysisCommandLine.CutCandidateScene;

    /// <summary>Receives every cuboid motion slab the pass measures, so a consumer that needs them (the drift meter)
    /// does not run a second <see cref="MotionEnergyMeter"/> over the same frames.</summary>
    internal Action<CuboidEnergy>? SlabObserver { get; init; }

    /// <summary>Which frames the decoder may leave un-deblocked. By default only frames no other frame is predicted
    /// from, for every pass alike: caption JPEGs stay true to the file, and a plan (no export) sees the same pixels as
    /// its run (export), so both choose the same samples.</summary>
    internal DeblockingSkip Deblocking { get; init; } = DeblockingSkip.NonReference;

    /// <summary>The file's probe when the caller already ran it (the drift analyzer does, for the join times): each
    /// ffprobe start costs 0.1-0.2 s of CPU loading ffmpeg's libraries, a few per cent of a short file's pass.</summary>
    internal VideoInfo? Probed { get; init; }

    /// <summary>The ffmpeg and ffprobe to run.</summary>
    public MediaTools Tools { get; init; } = MediaTools.Default;

    /// <summary>The clock for timeouts and timings (a fake one in tests).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Throws a usage error naming the first bad value.</summary>
    public void Validate()
    {
        Scenes.Validate();
        if (SampleInterval is { } interval && interval <= TimeSpan.Zero)
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.SampleInterval, $"sampling interval must be positive, got {interval.TotalSeconds}s");
        }

        if (AnalysisLongSide is < 32 or > 512)
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.AnalysisLongSide, $"analysis size {AnalysisLongSide} is out of range; use 32 to 512 px");
        }

        if (ExportLongSide is < 16 or > 8192)
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.ExportLongSide, $"export size {ExportLongSide} is out of range; use 16 to 8192 px");
        }

        if (JpegQuality is < 2 or > 31)
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.JpegQuality, $"JPEG quality {JpegQuality} is out of range; use 2 (best) to 31");
        }

        if (Threads is < 0 or > 64)
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.Threads, $"threads {Threads} is out of range; use 0 to 64");
        }

        if (ProfileBucket <= TimeSpan.Zero)
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.MotionBucket, "motion profile bucket must be positive");
        }
    }
}
