namespace Cuboid.Understanding.Reports;

/// <summary>Why a frame was sampled.</summary>
public static class SampleReasons
{
    /// <summary>The video's first frame.</summary>
    public const string First = "first";
    /// <summary>An interval tick (every <c>--every</c> seconds).</summary>
    public const string Interval = "interval";
    /// <summary>The first frame after a cut.</summary>
    public const string Cut = "cut";
}
