using Cuboid.Media.Probe;

namespace Cuboid.Media.Frames;

/// <summary>The thumbnails of a keyframe preview, in time order, and ffmpeg's decoding warnings.</summary>
public sealed record KeyframePreviewResult(IReadOnlyList<ExportedFrame> Frames, IReadOnlyList<string> Warnings)
{
    /// <summary>Set when the file ends before its header says; the keyframes then stop where its data does.</summary>
    public Truncation? Truncation { get; init; }
}
