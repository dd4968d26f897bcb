namespace Cuboid.Understanding.Reports;

/// <summary>Mean motion energy of the frames around <see cref="Time"/>; 0 is a still picture.</summary>
public sealed record MotionPoint(double Time, double Energy);
