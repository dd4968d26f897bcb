namespace Cuboid.Understanding.Reports;

public sealed record KeyMoment(double Time, string Description);
