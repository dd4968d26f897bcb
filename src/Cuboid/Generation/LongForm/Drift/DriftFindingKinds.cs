namespace Cuboid.Generation.LongForm;

/// <summary>The kinds of <see cref="DriftFinding"/> (stable strings: they are in drift.json).</summary>
public static class DriftFindingKinds
{
    public const string ColourDrift = "colour-drift";
    public const string ExposureDrift = "exposure-drift";
    public const string ContrastCreep = "contrast-creep";
    public const string BlurRamp = "blur-ramp";
    public const string FlashAtJoin = "flash-at-join";
    public const string Letterbox = "letterbox";
    public const string MotionStall = "motion-stall";
}
