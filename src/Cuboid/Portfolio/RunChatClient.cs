using System.Runtime.CompilerServices;
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

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var updates = base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using (updates.ConfigureAwait(false))
        {
            bool more;

            // The routed client reads the current run when its stream starts, in the first MoveNextAsync.
            using (run.MakeCurrent())
            {
                more = await updates.MoveNextAsync().ConfigureAwait(false);
            }

            while (more)
            {
                yield return updates.Current;
                more = await updates.MoveNextAsync().ConfigureAwait(false);
            }
        }
    }

    public override object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(run) ? run : base.GetService(serviceType, serviceKey);

    protected override void Dispose(bool disposing)
    {
        // The pipeline is the router's, shared by every run.
    }
}
