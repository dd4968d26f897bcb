using Cuboid.Media.Analysis;

namespace Cuboid.Understanding;

/// <summary>
/// Gives each sample the motion of the space-time slabs that START before it and after the previous sample, so a
/// slab is counted once: the slab holding a cut's transition belongs to the sample on the cut, not to the window
/// after it (otherwise a static slide right after a cut never looks static). Fed by the decode thread, read by the
/// sample reader, which waits until every slab starting before its sample is complete: a sample can stream out
/// before the slab around it has ended, and the answer must not depend on which thread got there first.
/// </summary>
internal sealed class SampleMotion
{
    private readonly Lock _gate = new();
    private readonly List<CuboidEnergy> _pending = [];
    private double _horizon = double.NegativeInfinity;
    private bool _complete;
    private TaskCompletionSource _changed = NewSignal();

    public void Add(CuboidEnergy slab)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            _pending.Add(slab);
            _horizon = Math.Max(_horizon, slab.StartTime);
            changed = _changed;
            _changed = NewSignal();
        }

        changed.TrySetResult();
    }

    /// <summary>No more slabs will come (the pass ended, failed or was cancelled).</summary>
    public void Complete()
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            _complete = true;
            changed = _changed;
        }

        changed.TrySetResult();
    }

    /// <summary>
    /// The largest active-cuboid fraction (0–1) of the slabs starting before <paramref name="time"/> not yet given to a
    /// sample, once they are all complete (slabs arrive in time order, so a slab starting at or after
    /// <paramref name="time"/> proves the earlier ones are in).
    /// </summary>
    public async ValueTask<double> TakeAsync(double time, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_complete || _horizon >= time)
                {
                    return TakeReady(time);
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private double TakeReady(double time)
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

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
