namespace Cuboid.Portfolio;

/// <summary>
/// A provider stream that has delivered its first answer content (its items: Microsoft.Extensions.AI updates, or a relayed
/// stream's wire chunks). It owns its cancellation: the caller's token,
/// plus an idle deadline (on the portfolio's clock) that ends a stalled stream when one read waits longer than the idle timeout.
/// </summary>
internal sealed class OpenStream<T> : IAsyncDisposable
    where T : class
{
    private const long NotWaiting = long.MinValue;

    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _idle = new();
    private readonly CancellationTokenSource _linked;
    private IAsyncEnumerator<T>? _enumerator;

    // Re-arming a timer per update takes the timer queue's lock twice per chunk; instead one watchdog per stream
    // wakes once per idle timeout and compares the clock with the start of the read in progress.
    private ITimer? _watchdog;
    private TimeSpan _idleTimeout;
    private long _waitingSince = NotWaiting;

    public OpenStream(TimeProvider time, CancellationToken callerToken)
    {
        _time = time;
        _linked = CancellationTokenSource.CreateLinkedTokenSource(callerToken, _idle.Token);
    }

    public CancellationToken Token => _linked.Token;

    /// <summary>
    /// Starts <paramref name="candidate"/>'s stream and reads it up to its first item with answer content
    /// (<paramref name="hasAnswer"/>): items before it (a role header, usage) are held in <see cref="Prefix"/>, so a stream
    /// that breaks before saying anything still fails its attempt and falls over. The stream outlives the attempt, so it
    /// gets its own token: the attempt's deadline (<paramref name="attemptToken"/>) only guards the first answer.
    /// </summary>
    public static async Task<OpenStream<T>> OpenAsync(TimeProvider time, RouteCandidate candidate, Func<CancellationToken, IAsyncEnumerable<T>> start,
        Func<T, bool> hasAnswer, CancellationToken attemptToken, CancellationToken callerToken)
    {
        var stream = new OpenStream<T>(time, callerToken);
        try
        {
            using (attemptToken.Register(static s => ((OpenStream<T>)s!).Cancel(), stream))
            {
                var enumerator = start(stream.Token).GetAsyncEnumerator(stream.Token);
                stream.Attach(enumerator);
                do
                {
                    if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                    {
                        throw new ProviderCallException(candidate.Provider, ProviderFailureKind.BadResponse, "the stream ended before any answer");
                    }

                    stream.Prefix.Add(enumerator.Current);
                }
                while (!hasAnswer(enumerator.Current));
            }

            return stream;
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The updates read up to and including the first one with answer content.</summary>
    public List<T> Prefix { get; } = [];

    public void Attach(IAsyncEnumerator<T> enumerator) => _enumerator = enumerator;

    public void Cancel() => _linked.Cancel();

    /// <summary>The next update, or null at the end of the stream.</summary>
    public async ValueTask<T?> NextAsync(TimeSpan idleTimeout)
    {
        _idleTimeout = idleTimeout;
        Volatile.Write(ref _waitingSince, _time.GetTimestamp());
        _watchdog ??= _time.CreateTimer(static s => ((OpenStream<T>)s!).CheckIdle(), this, idleTimeout, Timeout.InfiniteTimeSpan);
        var more = await _enumerator!.MoveNextAsync().ConfigureAwait(false);
        Volatile.Write(ref _waitingSince, NotWaiting);
        return more ? _enumerator.Current : null;
    }

    /// <summary>The watchdog's tick: cancels a read that has waited the idle timeout, else sleeps until the earliest moment one could have.</summary>
    private void CheckIdle()
    {
        var since = Volatile.Read(ref _waitingSince);
        var left = since == NotWaiting ? _idleTimeout : _idleTimeout - _time.GetElapsedTime(since);
        try
        {
            if (left <= TimeSpan.Zero)
            {
                _idle.Cancel();
            }
            else
            {
                _watchdog?.Change(left, Timeout.InfiniteTimeSpan);
            }
        }
        catch (ObjectDisposedException)
        {
            // The stream was closed while the watchdog ran.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_enumerator is not null)
        {
            try
            {
                await _enumerator.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ProviderCallException or HttpRequestException or IOException)
            {
                // Closing a broken stream may throw again; the failure was already reported.
            }
        }

        if (_watchdog is not null)
        {
            await _watchdog.DisposeAsync().ConfigureAwait(false);
        }

        _linked.Dispose();
        _idle.Dispose();
    }
}
