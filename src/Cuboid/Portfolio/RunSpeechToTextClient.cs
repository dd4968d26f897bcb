using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Cuboid.Portfolio;

/// <summary>
/// A run's speech-to-text client over the router's shared pipeline (<see cref="ModelRouter.SharedSpeechToTextPipeline"/>),
/// for the reason <see cref="RunChatClient"/> gives: each call makes <paramref name="run"/> current while the routed client starts.
/// </summary>
internal sealed class RunSpeechToTextClient(ISpeechToTextClient shared, RunScope run) : DelegatingSpeechToTextClient(shared)
{
    public override async Task<SpeechToTextResponse> GetTextAsync(Stream audioSpeechStream, SpeechToTextOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var current = run.MakeCurrent();
        return await base.GetTextAsync(audioSpeechStream, options, cancellationToken).ConfigureAwait(false);
    }

    public override async IAsyncEnumerable<SpeechToTextResponseUpdate> GetStreamingTextAsync(Stream audioSpeechStream, SpeechToTextOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var updates = base.GetStreamingTextAsync(audioSpeechStream, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using (updates.ConfigureAwait(false))
        {
            bool more;
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
