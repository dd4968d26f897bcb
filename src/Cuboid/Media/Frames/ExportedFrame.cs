namespace Cuboid.Media.Frames;

/// <summary>One exported image.</summary>
/// <param name="Requested">The time that was asked for (seconds from the start of the video).</param>
/// <param name="Timestamp">The presentation time of the frame actually written: the first frame at or after <paramref name="Requested"/>
/// (or the last frame, when the request falls after it), measured from the start of the video.</param>
/// <param name="Path">Where the image is.</param>
/// <param name="Width">Image width in pixels.</param>
/// <param name="Height">Image height in pixels.</param>
public sealed record ExportedFrame(TimeSpan Requested, TimeSpan Timestamp, string Path, int Width, int Height);
