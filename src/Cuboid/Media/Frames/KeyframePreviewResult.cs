namespace Cuboid.Media.Frames;

/// <summary>The thumbnails of a keyframe preview, in time order, and ffmpeg's decoding warnings.</summary>
public sealed record KeyframePreviewResult(IReadOnlyList<ExportedFrame> Frames, IReadOnlyList<string> Warnings);
