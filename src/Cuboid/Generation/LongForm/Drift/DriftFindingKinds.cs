namespace Cuboid.Generation.LongForm;

/// <summary>The kinds of <see cref="DriftFinding"/> (stable strings: they are in drift.json).</summary>
public static class DriftFindingKinds
{
    /// <summary>Mean colour moving away from the anchor over the segments.</summary>
    public const string ColourDrift = "colour-drift";
    /// <summary>Brightness moving away from the anchor over the segments.</summary>
    public const string ExposureDrift = "exposure-drift";
    /// <summary>Contrast rising segment after segment.</summary>
    public const string ContrastCreep = "contrast-creep";
    /// <summary>Sharpness falling segment after segment.</summary>
    public const string BlurRamp = "blur-ramp";
    /// <summary>A frame-difference spike at a join, many times its surroundings.</summary>
    public const string FlashAtJoin = "flash-at-join";
    /// <summary>Dark bars along the edges.</summary>
    public const string Letterbox = "letterbox";
    /// <summary>A segment where motion dies down (few space-time cuboids move) against the busiest segment.</summary>
    public const string MotionStall = "motion-stall";
}
