namespace Cuboid.Testing.Shots;

/// <summary>A picture-in-picture box that slides across a shot from left to right (and wraps), a third of the way
/// down: a moving overlay such as a ticker or a tracked object.</summary>
/// <param name="Source">lavfi source of the box (no size or rate), e.g. <c>testsrc2</c>.</param>
/// <param name="Width">Box width in pixels.</param>
/// <param name="Height">Box height in pixels.</param>
/// <param name="PixelsPerSecond">Horizontal speed.</param>
public sealed record MovingOverlay(string Source, int Width, int Height, int PixelsPerSecond);
