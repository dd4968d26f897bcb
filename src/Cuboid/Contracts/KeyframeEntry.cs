namespace Cuboid.Contracts;

/// <summary>One entry of <c>frames</c> in <see cref="KeyframesDocument"/>.</summary>
/// <param name="TimeSeconds">The keyframe's presentation time.</param>
/// <param name="Path">The thumbnail written.</param>
/// <param name="Width">Thumbnail width in pixels.</param>
/// <param name="Height">Thumbnail height in pixels.</param>
public sealed record KeyframeEntry(double TimeSeconds, string Path, int Width, int Height);
