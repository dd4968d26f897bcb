using Anthropic;
using Microsoft.Extensions.AI;

#pragma warning disable CA2000 // The HTTP client sends through the process-wide transport (disposeHandler: false) and holds nothing to release; the SDK client keeps it for its life.

namespace Cuboid.Portfolio.Providers.Anthropic;

/// <summary>
/// The <c>anthropic</c> wire protocol through the official Anthropic SDK (<c>AsIChatClient</c>), retries off.
/// The base URL is the host without the version, e.g. <c>https://api.anthropic.com</c>. Anthropic requires
/// <c>max_tokens</c>; <see cref="DefaultMaxOutputTokens"/> is used when <see cref="ChatOptions.MaxOutputTokens"/> is unset.
/// </summary>
internal sealed class AnthropicAdapter(ProviderAdapterOptions? options = null) : IProviderAdapter
{
    public const int DefaultMaxOutputTokens = 4096;

    private readonly ProviderAdapterOptions _options = options ?? new ProviderAdapterOptions();

    public string ApiKind => "anthropic";

    public IChatClient CreateChatClient(ProviderEndpoint endpoint, string modelId)
    {
        var client = new AnthropicClient
        {
            // Set even when null: left alone, the SDK takes ANTHROPIC_API_KEY and would send it to whatever host this endpoint names.
            ApiKey = endpoint.ApiKey,
            BaseUrl = HostOnly(endpoint.BaseUri),
            // The router retries and falls over; the SDK must not retry behind its back.
            MaxRetries = 0,
            Timeout = _options.NetworkTimeout,
            HttpClient = ProviderHttpClients.Create(endpoint, AnthropicWireProtocol.Instance, _options),
        };
        return new ProviderChatClient(client.AsIChatClient(modelId, DefaultMaxOutputTokens), endpoint);
    }

    // The SDK appends /v1/messages; a base URL copied with its /v1 would otherwise double it.
    private static string HostOnly(Uri baseUri)
    {
        var url = baseUri.AbsoluteUri.TrimEnd('/');
        return url.EndsWith("/v1", StringComparison.Ordinal) ? url[..^3] : url;
    }

    /// <summary>Anthropic has no speech-to-text.</summary>
    public ISpeechToTextClient? CreateSpeechToTextClient(ProviderEndpoint endpoint, string modelId) => null;
}
