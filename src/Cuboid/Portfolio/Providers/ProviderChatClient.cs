using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Cuboid.Portfolio.Providers;

/// <summary>
/// Wraps an SDK's <see cref="IChatClient"/> so that every failure leaves as a <see cref="ProviderCallException"/>
/// (the caller's own cancellation stays an <see cref="OperationCanceledException"/>), and an answer with
/// nothing in it counts as <see cref="ProviderFailureKind.BadResponse"/>.
/// </summary>
internal sealed class ProviderChatClient(IChatClient inner, ProviderEndpoint endpoint) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ChatResponse response;
        try
        {
            response = await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ProviderFailures.Map(ex, endpoint, cancellationToken) is { } failure)
        {
            throw failure;
        }
        if (!response.Messages.SelectMany(m => m.Contents).Any(HasAnswer))
            throw ProviderFailures.Create(endpoint, ProviderFailureKind.BadResponse, $"{endpoint.Id} returned an empty answer");
        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        IAsyncEnumerator<ChatResponseUpdate> updates;
        try
        {
            updates = base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        }
        catch (Exception ex) when (ProviderFailures.Map(ex, endpoint, cancellationToken) is { } failure)
        {
            throw failure;
        }
        await using (updates)
        {
            var answered = false;
            while (true)
            {
                try
                {
                    if (!await updates.MoveNextAsync().ConfigureAwait(false))
                        break;
                }
                catch (Exception ex) when (ProviderFailures.Map(ex, endpoint, cancellationToken) is { } failure)
                {
                    throw failure;
                }
                var update = updates.Current;
                answered |= update.Contents.Any(HasAnswer);
                yield return update;
            }
            if (!answered)
                throw ProviderFailures.Create(endpoint, ProviderFailureKind.BadResponse, $"{endpoint.Id} streamed no answer");
        }
    }

    public override object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(ProviderEndpoint) ? endpoint : base.GetService(serviceType, serviceKey);

    // Usage and empty text are bookkeeping, not an answer; anything else (text, tool calls, images) is.
    private static bool HasAnswer(AIContent content) => content switch
    {
        UsageContent => false,
        TextContent text => text.Text.Length > 0,
        _ => true,
    };
}
