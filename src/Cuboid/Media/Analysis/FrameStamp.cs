namespace Cuboid.Media.Analysis;

/// <summary>One frame's number and presentation time as ffmpeg's <c>showinfo</c> filter reported them.</summary>
/// <param name="Number">The frame's 0-based number at that filter.</param>
/// <param name="Pts">Presentation timestamp in the filter link's time base.</param>
/// <param name="Time">Seconds from the start of the file: <c>Pts × time base</c>, computed as ffmpeg does.</param>
internal readonly record struct FrameStamp(long Number, long Pts, double Time);
