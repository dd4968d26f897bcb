using Microsoft.Extensions.AI;

namespace Cuboid.Portfolio.Providers;

/// <summary>
/// Turns a provider endpoint into Microsoft.Extensions.AI clients for one wire protocol.
/// Clients made here do not retry on their own (the router does) and report every failure as a
/// <see cref="ProviderCallException"/>, including a stream that ends without its terminator.
/// </summary>
public interface IProviderAdapter
{
    /// <summary>The wire protocol this adapter speaks: <c>openai</c>, <c>anthropic</c> or <c>ollama</c>.</summary>
    string ApiKind { get; }

    /// <summary>A chat client for <paramref name="modelId"/> (the provider's own model name) at <paramref name="endpoint"/>.</summary>
    IChatClient CreateChatClient(ProviderEndpoint endpoint, string modelId);

    /// <summary>A speech-to-text client, or null when the protocol has none.</summary>
    ISpeechToTextClient? CreateSpeechToTextClient(ProviderEndpoint endpoint, string modelId);
}
