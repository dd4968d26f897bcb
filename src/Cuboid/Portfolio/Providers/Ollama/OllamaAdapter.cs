using System.Net.Http.Headers;
using Microsoft.Extensions.AI;
using OllamaSharp;

#pragma warning disable CA2000 // The HTTP client sends through the process-wide transport (disposeHandler: false) and holds nothing to release; the SDK client keeps it for its life.

namespace Cuboid.Portfolio.Providers.Ollama;

/// <summary>
/// The <c>ollama</c> wire protocol (native <c>/api/chat</c>) through OllamaSharp, whose client is an
/// <see cref="IChatClient"/> and never retries. The base URL is the server root, e.g. <c>http://localhost:11434</c>;
/// a key, when set (an Ollama behind an authenticating proxy), goes out as a Bearer token.
/// Ollama's OpenAI-compatible <c>/v1</c> is served by the <c>openai</c> adapter instead.
/// </summary>
internal sealed class OllamaAdapter(ProviderAdapterOptions? options = null) : IProviderAdapter
{
    private readonly ProviderAdapterOptions _options = options ?? new ProviderAdapterOptions();

    public string ApiKind => "ollama";

    public IChatClient CreateChatClient(ProviderEndpoint endpoint, string modelId)
    {
        var http = ProviderHttpClients.Create(endpoint, OllamaWireProtocol.Instance, _options);
        // OllamaSharp appends api/chat; a base URL copied with its /api would otherwise double it.
        var root = endpoint.BaseUri.AbsoluteUri.TrimEnd('/');
        http.BaseAddress = new Uri((root.EndsWith("/api", StringComparison.Ordinal) ? root[..^4] : root) + "/");
        if (!string.IsNullOrEmpty(endpoint.ApiKey))
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", endpoint.ApiKey);
        return new ProviderChatClient(new OllamaApiClient(http, modelId), endpoint);
    }

    /// <summary>Ollama's native API has no speech-to-text.</summary>
    public ISpeechToTextClient? CreateSpeechToTextClient(ProviderEndpoint endpoint, string modelId) => null;
}
