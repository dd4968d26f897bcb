namespace Cuboid.Contracts;

/// <summary>One entry of <c>frames</c> in <see cref="FramesDocument"/>.</summary>
/// <param name="TimeSeconds">The frame's presentation time, relative to the file's start.</param>
/// <param name="RequestedSeconds">The time that was asked for.</param>
/// <param name="Path">The image written.</param>
/// <param name="Width">Image width in pixels.</param>
/// <param name="Height">Image height in pixels.</param>
public sealed record FrameEntry(double TimeSeconds, double RequestedSeconds, string Path, int Width, int Height);
