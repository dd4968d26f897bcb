using Cuboid.Portfolio.Providers.Anthropic;
using Cuboid.Portfolio.Providers.Ollama;
using Cuboid.Portfolio.Providers.OpenAICompatible;
using Microsoft.Extensions.AI;

namespace Cuboid.Portfolio.Providers;

/// <summary>
/// The adapters by wire protocol (<see cref="ProviderEndpoint.ApiKind"/>). Custom OpenAI-compatible endpoints
/// need nothing here: they are endpoints with API kind <c>openai</c> and their own base URL.
/// </summary>
internal sealed class ProviderAdapters
{
    private readonly Dictionary<string, IProviderAdapter> _byKind;

    public ProviderAdapters(IEnumerable<IProviderAdapter> adapters)
    {
        _byKind = adapters.ToDictionary(a => a.ApiKind, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>OpenAI-compatible, Anthropic and Ollama over the shared connection pool.</summary>
    public static ProviderAdapters Default { get; } = Create(new ProviderAdapterOptions());

    /// <summary>All built-in adapters with the given transport, clock and network timeout.</summary>
    public static ProviderAdapters Create(ProviderAdapterOptions options) =>
        new([new OpenAICompatibleAdapter(options), new AnthropicAdapter(options), new OllamaAdapter(options)]);

    public IReadOnlyCollection<string> ApiKinds => _byKind.Keys;

    public bool TryGet(string apiKind, out IProviderAdapter adapter) => _byKind.TryGetValue(apiKind, out adapter!);

    /// <summary>The adapter for <paramref name="apiKind"/>; an unknown kind is a configuration mistake.</summary>
    public IProviderAdapter Get(string apiKind) => TryGet(apiKind, out var adapter)
        ? adapter
        : throw CuboidException.Usage(CuboidErrorCodes.ConfigInvalid, CuboidParameters.ApiKind, $"Unknown provider API kind '{apiKind}'; use one of: {string.Join(", ", _byKind.Keys.Order())}.");

    /// <summary>A chat client for <paramref name="endpoint"/>'s protocol and <paramref name="modelId"/>.</summary>
    public IChatClient CreateChatClient(ProviderEndpoint endpoint, string modelId) =>
        Get(endpoint.ApiKind).CreateChatClient(endpoint, modelId);
}
