using Cuboid.Media.Analysis;

namespace Cuboid.Understanding;

/// <summary>
/// Gives each sample the motion of the space-time slabs that START before it and after the previous sample, so a
/// slab is counted once: the slab holding a cut's transition belongs to the sample on the cut, not to the window
/// after it (otherwise a static slide right after a cut never looks static). Fed by the decode thread, read by the
/// sample reader.
/// </summary>
public sealed class SampleMotion
{
    private readonly Lock _gate = new();
    private readonly List<CuboidEnergy> _pending = [];

    public void Add(CuboidEnergy slab)
    {
        lock (_gate)
        {
            _pending.Add(slab);
        }
    }

    /// <summary>The largest active-cuboid fraction (0–1) of the slabs starting before <paramref name="time"/> not yet given to a sample.</summary>
    public double Take(double time)
    {
        lock (_gate)
        {
            var most = 0f;
            _pending.RemoveAll(slab =>
            {
                if (slab.StartTime >= time)
                {
                    return false;
                }

                most = Math.Max(most, slab.ActiveFraction);
                return true;
            });
            return most;
        }
    }
}
