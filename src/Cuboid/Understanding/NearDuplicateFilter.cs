using System.Numerics;

namespace Cuboid.Understanding;

/// <summary>
/// Decides, sample by sample as they stream, which ones are near-duplicates of the last KEPT sample: almost
/// no cuboid moved since it (the largest active-cuboid fraction stays under a floor) and its 64-bit
/// difference hash is within a few bits of the kept one (a static slide, a paused screen). First frames and
/// frames after a cut are always kept. Without a hash, nothing is skipped.
/// </summary>
internal sealed class NearDuplicateFilter(double maxMotion = NearDuplicateFilter.DefaultMaxMotion, int maxHashDistance = NearDuplicateFilter.DefaultMaxHashDistance)
{
    /// <summary>Largest fraction (0–1) of space-time cuboids that may have moved since the kept sample: a blinking cursor, not a pan.</summary>
    public const double DefaultMaxMotion = 0.02;

    /// <summary>Bits of 64 that may differ.</summary>
    public const int DefaultMaxHashDistance = 4;

    private ulong? _lastKeptHash;
    private double _motionSinceKept;
    private bool _any;

    public int Skipped { get; private set; }

    /// <summary>True when <paramref name="frame"/> should be kept (and becomes the new reference).</summary>
    public bool Keep(PlannedFrame frame)
    {
        _motionSinceKept = Math.Max(_motionSinceKept, frame.MotionEnergy);
        var duplicate = _any
            && frame.Reason == Reports.SampleReasons.Interval
            && frame.Hash is { } hash && _lastKeptHash is { } kept
            && _motionSinceKept <= maxMotion
            && BitOperations.PopCount(hash ^ kept) <= maxHashDistance;
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
