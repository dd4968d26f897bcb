using Cuboid.Media.Probe;

namespace Cuboid.Media.Frames;

/// <summary>What a frame export produced.</summary>
/// <param name="Frames">The images, in time order.</param>
/// <param name="Method">How they were extracted.</param>
/// <param name="Warnings">Problems ffmpeg reported while decoding (e.g. corrupt frames it skipped); the export still succeeded.</param>
public sealed record FrameExportResult(IReadOnlyList<ExportedFrame> Frames, FrameExportMethod Method, IReadOnlyList<string> Warnings)
{
    /// <summary>Set when the file ends before its header says; the frames then come from its decodable part only.</summary>
    public Truncation? Truncation { get; init; }
}
