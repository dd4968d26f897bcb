using Cuboid.Portfolio;
using Cuboid.Portfolio.Providers;
using Microsoft.Extensions.AI;

namespace Cuboid.Benchmarks.Portfolio;

/// <summary>A provider client that answers at once with a fresh response and usage, so the router's own cost is all that is left to measure.</summary>
internal sealed class TrivialChatClient : IChatClient, IProviderAdapter
{
    public string ApiKind => "openai";

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "A red cube on a table."))
        {
            Usage = new UsageDetails { InputTokenCount = 812, OutputTokenCount = 9 },
        });

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }

    public IChatClient CreateChatClient(ProviderEndpoint endpoint, string modelId) => this;

    public ISpeechToTextClient? CreateSpeechToTextClient(ProviderEndpoint endpoint, string modelId) => null;
}
