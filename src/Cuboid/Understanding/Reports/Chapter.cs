namespace Cuboid.Understanding.Reports;

public sealed record Chapter(double Start, double End, string Title, string Summary);
