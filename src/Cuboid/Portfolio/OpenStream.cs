using Microsoft.Extensions.AI;

namespace Cuboid.Portfolio;

/// <summary>
/// A provider stream that has delivered its first answer content. It owns its cancellation: the caller's token,
/// plus an idle deadline (on the portfolio's clock) re-armed before each read so a stalled stream ends.
/// </summary>
internal sealed class OpenStream : IAsyncDisposable
{
    private readonly CancellationTokenSource _idle;
    private readonly CancellationTokenSource _linked;
    private IAsyncEnumerator<ChatResponseUpdate>? _enumerator;

    public OpenStream(TimeProvider time, CancellationToken callerToken)
    {
        _idle = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(callerToken, _idle.Token);
    }

    public CancellationToken Token => _linked.Token;

    /// <summary>The updates read up to and including the first one with answer content.</summary>
    public List<ChatResponseUpdate> Prefix { get; } = [];

    public void Attach(IAsyncEnumerator<ChatResponseUpdate> enumerator) => _enumerator = enumerator;

    public void Cancel() => _linked.Cancel();

    /// <summary>The next update, or null at the end of the stream.</summary>
    public async ValueTask<ChatResponseUpdate?> NextAsync(TimeSpan idleTimeout)
    {
        _idle.CancelAfter(idleTimeout);
        var more = await _enumerator!.MoveNextAsync().ConfigureAwait(false);
        _idle.CancelAfter(Timeout.InfiniteTimeSpan);
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

        _linked.Dispose();
        _idle.Dispose();
    }
}
