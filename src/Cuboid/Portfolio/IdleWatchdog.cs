namespace Cuboid.Portfolio;

/// <summary>
/// Cancels <see cref="Token"/> when one wait (a read of a stream) lasts longer than its idle timeout, on a
/// <see cref="TimeProvider"/>'s clock. One timer serves the whole stream: it wakes once per timeout and compares the clock
/// with the start of the wait in progress, where a timer armed per read took the timer queue's lock twice per chunk.
/// The timer is made at the first wait that does not end at once (<see cref="Watch"/>): reads of data already in hand need none.
/// It sleeps when it finds nothing waiting, until the next wait that has to be watched, so a stream left undisposed is not
/// kept alive by its timer.
/// </summary>
internal sealed class IdleWatchdog(TimeProvider time) : IAsyncDisposable, IDisposable
{
    private const long NotWaiting = long.MinValue;

    private readonly CancellationTokenSource _idle = new();
    private ITimer? _timer;
    private TimeSpan _timeout;
    private long _waitingSince = NotWaiting;
    private int _armed;

    /// <summary>Cancelled once a wait has lasted its timeout; it stays cancelled.</summary>
    public CancellationToken Token => _idle.Token;

    /// <summary>A wait begins; it may last <paramref name="timeout"/>.</summary>
    public void Begin(TimeSpan timeout)
    {
        _timeout = timeout;
        Volatile.Write(ref _waitingSince, time.GetTimestamp());
    }

    /// <summary>The wait begun did not end at once: from now on the timer watches it (and every later one).</summary>
    public void Watch()
    {
        if (_timer is null)
        {
            _armed = 1;
            _timer = time.CreateTimer(static s => ((IdleWatchdog)s!).Check(), this, _timeout, Timeout.InfiniteTimeSpan);
        }
        else
        {
            Arm(_timeout);
        }
    }

    /// <summary>The wait is over.</summary>
    public void End() => Volatile.Write(ref _waitingSince, NotWaiting);

    /// <summary>The timer's tick: cancels a wait that has lasted its timeout, else sleeps until the earliest moment one could have.</summary>
    private void Check()
    {
        if (_timeout == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        var since = Volatile.Read(ref _waitingSince);
        if (since == NotWaiting)
        {
            // Nothing waits: sleep. A wait that began meanwhile (its Watch saw the timer still armed) is armed for here.
            Volatile.Write(ref _armed, 0);
            since = Volatile.Read(ref _waitingSince);
            if (since == NotWaiting)
            {
                return;
            }

            Arm(_timeout - time.GetElapsedTime(since));
            return;
        }

        var left = _timeout - time.GetElapsedTime(since);
        try
        {
            if (left <= TimeSpan.Zero)
            {
                _idle.Cancel();
            }
            else
            {
                _timer?.Change(left, Timeout.InfiniteTimeSpan);
            }
        }
        catch (ObjectDisposedException)
        {
            // The stream was closed while the timer ran.
        }
    }

    /// <summary>Wakes the sleeping timer after <paramref name="dueTime"/> (at once if already due); nothing if it is armed.</summary>
    private void Arm(TimeSpan dueTime)
    {
        if (Interlocked.Exchange(ref _armed, 1) == 0)
        {
            try
            {
                _timer?.Change(dueTime > TimeSpan.Zero ? dueTime : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
            }
            catch (ObjectDisposedException)
            {
                // The stream was closed meanwhile.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_timer is not null)
        {
            await _timer.DisposeAsync().ConfigureAwait(false);
        }

        _idle.Dispose();
    }

    public void Dispose()
    {
        _timer?.Dispose();
        _idle.Dispose();
    }
}
