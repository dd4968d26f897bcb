namespace Cuboid.Portfolio;

/// <summary>
/// A provider stream that has delivered its first answer content (its items: Microsoft.Extensions.AI updates, or a relayed
/// stream's wire chunks). It owns its cancellation: the caller's token,
/// plus an idle deadline (on the portfolio's clock) that ends a stalled stream when one read waits longer than the idle timeout.
/// </summary>
internal sealed class OpenStream<T> : IAsyncDisposable
    where T : class
{
    private readonly IdleWatchdog _watchdog;
    private readonly CancellationTokenSource _linked;
    private IAsyncEnumerator<T>? _enumerator;

    public OpenStream(TimeProvider time, CancellationToken callerToken)
    {
        _watchdog = new IdleWatchdog(time);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(callerToken, _watchdog.Token);
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
        _watchdog.Begin(idleTimeout);
        var next = _enumerator!.MoveNextAsync();
        if (!next.IsCompleted)
        {
            _watchdog.Watch();
        }

        var more = await next.ConfigureAwait(false);
        _watchdog.End();
        return more ? _enumerator.Current : null;
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

        await _watchdog.DisposeAsync().ConfigureAwait(false);
        _linked.Dispose();
    }
}
