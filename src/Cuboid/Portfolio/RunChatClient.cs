using Microsoft.Extensions.AI;

namespace Cuboid.Portfolio;

/// <summary>
/// A run's chat client over the router's shared pipeline for a task (<see cref="ModelRouter.SharedPipeline(string, string?)"/>):
/// each call makes <paramref name="run"/> the current run while the routed client starts, so it reserves from and books
/// into this run. Why not a pipeline per run: Microsoft.Extensions.AI's OpenTelemetry middleware makes an
/// <c>ActivitySource</c> and a <c>Meter</c> with its instruments per client, so a pipeline per request cost a gateway
/// about a millisecond with a metrics listener attached and left every meter registered for the life of the process.
/// Disposing it leaves the shared pipeline alone.
/// </summary>
internal sealed class RunChatClient(IChatClient shared, RunScope run) : DelegatingChatClient(shared)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var current = run.MakeCurrent();
        return await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The shared pipeline's stream, with this run current while it starts (in its first <c>MoveNextAsync</c>, where the
    /// routed client reads the run); every later update is handed on without a layer of its own per update.
    /// </summary>
    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default) =>
        new RunStream(base.GetStreamingResponseAsync(messages, options, cancellationToken), run);

    private sealed class RunStream(IAsyncEnumerable<ChatResponseUpdate> updates, RunScope run) : IAsyncEnumerable<ChatResponseUpdate>
    {
        public IAsyncEnumerator<ChatResponseUpdate> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
            new Enumerator(updates.GetAsyncEnumerator(cancellationToken), run);
    }

    private sealed class Enumerator(IAsyncEnumerator<ChatResponseUpdate> inner, RunScope run) : IAsyncEnumerator<ChatResponseUpdate>
    {
        private bool _started;

        public ChatResponseUpdate Current => inner.Current;

        public ValueTask<bool> MoveNextAsync()
        {
            if (_started)
            {
                return inner.MoveNextAsync();
            }

            _started = true;
            return FirstAsync();
        }

        // An async method restores the caller's async-local values when it returns, so the run is current only inside it.
        private async ValueTask<bool> FirstAsync()
        {
            using (run.MakeCurrent())
            {
                return await inner.MoveNextAsync().ConfigureAwait(false);
            }
        }

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }

    public override object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(run) ? run : base.GetService(serviceType, serviceKey);

    protected override void Dispose(bool disposing)
    {
        // The pipeline is the router's, shared by every run.
    }
}
