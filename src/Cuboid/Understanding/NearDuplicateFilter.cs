namespace Cuboid.Understanding;

/// <summary>
/// Decides, sample by sample as they stream, which ones are near-duplicates of the last KEPT sample: little
/// motion energy since it and a small perceptual-hash distance from it (a static slide, a paused screen).
/// First frames and frames after a cut are always kept. Without a hash, nothing is skipped.
/// </summary>
public sealed class NearDuplicateFilter(double maxMotionEnergy = NearDuplicateFilter.DefaultMaxMotionEnergy, int maxHashDistance = NearDuplicateFilter.DefaultMaxHashDistance)
{
    /// <summary>Mean absolute luma change per pixel (0–255 scale) summed over the frames since the last kept sample.</summary>
    public const double DefaultMaxMotionEnergy = 2.0;

    /// <summary>Bits of 64 that may differ.</summary>
    public const int DefaultMaxHashDistance = 4;

    private ulong? _lastKeptHash;
    private double _motionSinceKept;
    private bool _any;

    public int Skipped { get; private set; }

    /// <summary>True when <paramref name="frame"/> should be kept (and becomes the new reference).</summary>
    public bool Keep(PlannedFrame frame)
    {
        _motionSinceKept += Math.Max(0, frame.MotionEnergy);
        var duplicate = _any
            && frame.Reason == Reports.SampleReasons.Interval
            && frame.Hash is { } hash && _lastKeptHash is { } kept
            && _motionSinceKept <= maxMotionEnergy
            && PerceptualHash.Distance(hash, kept) <= maxHashDistance;
        if (duplicate)
        {
            Skipped++;
            return false;
        }

        _any = true;
        _lastKeptHash = frame.Hash;
        _motionSinceKept = 0;
        return true;
    }
}
