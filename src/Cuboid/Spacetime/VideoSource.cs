namespace Cuboid.Spacetime;

/// <summary>A real video as probed: its display size, duration and frame rate before the model resamples it.</summary>
public sealed record VideoSource(string Path, int Width, int Height, double Seconds, double Fps);
