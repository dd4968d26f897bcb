namespace Cuboid.Understanding.Reports;

/// <summary>Why a frame was sampled.</summary>
public static class SampleReasons
{
    public const string First = "first";
    public const string Interval = "interval";
    public const string Cut = "cut";
}
