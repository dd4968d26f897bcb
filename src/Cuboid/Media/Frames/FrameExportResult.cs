namespace Cuboid.Media.Frames;

/// <summary>What a frame export produced.</summary>
/// <param name="Frames">The images, in time order.</param>
/// <param name="Method">How they were extracted.</param>
/// <param name="Warnings">Problems ffmpeg reported while decoding (e.g. corrupt frames it skipped); the export still succeeded.</param>
public sealed record FrameExportResult(IReadOnlyList<ExportedFrame> Frames, FrameExportMethod Method, IReadOnlyList<string> Warnings);
