namespace Cuboid.Understanding.Reports;

public sealed record TimeRange(double Start, double End)
{
    public double Duration => End - Start;
}
