using System.Collections.Concurrent;
using Cuboid.Portfolio.Providers;
using Cuboid.Portfolio.Providers.OpenAICompatible;
using Cuboid.Portfolio.Relay;
using Microsoft.Extensions.AI;

namespace Cuboid.Portfolio;

/// <summary>
/// Resolves which providers are usable here (key in the environment, or a local endpoint), builds their
/// endpoints, caches one client per model, and remembers providers that refused our key for the rest of the run.
/// </summary>
internal sealed class ProviderDirectory : IDisposable
{
    private readonly Dictionary<string, ProviderStatus> _status = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ProviderEndpoint> _endpoints = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IProviderAdapter> _adapters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _enablingVariables = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _unusable = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IChatClient> _chatClients = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ISpeechToTextClient?> _speechClients = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, WireEndpoint?> _wireEndpoints = new(StringComparer.Ordinal);
    private volatile bool _disposed;

    public ProviderDirectory(ModelCatalog catalog, PortfolioSettings settings, IEnvironmentVariables environment, IEnumerable<IProviderAdapter> adapters)
    {
        foreach (var adapter in adapters)
        {
            _adapters[adapter.ApiKind] = adapter;
        }

        var providers = catalog.Providers.ToList();
        providers.AddRange(settings.Endpoints.Select(e => new CatalogProvider
        {
            Id = e.Name,
            ApiKind = e.ApiKind,
            BaseUrl = e.BaseUrl,
            KeyEnv = e.KeyEnv,
            Name = e.Name,
        }));
        var custom = settings.Endpoints.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var provider in providers)
        {
            Resolve(provider, settings, environment, custom.Contains(provider.Id));
        }
    }

    public IReadOnlyList<ProviderStatus> All => [.. _status.Values];

    public ProviderStatus? Status(string provider) => _status.GetValueOrDefault(provider);

    /// <summary>Null when usable; otherwise why not (not configured, or refused our key earlier in this run).</summary>
    public string? WhyNotUsable(string provider)
    {
        if (_unusable.TryGetValue(provider, out var reason))
        {
            return reason;
        }

        return _status.TryGetValue(provider, out var status)
            ? status.Configured ? null : status.Reason
            : $"provider '{provider}' is not in the catalog or the config";
    }

    public void MarkUnusable(string provider, string reason) => _unusable.TryAdd(provider, reason);

    /// <summary>
    /// The environment variable that would make an unconfigured provider usable (its key variable, or the host
    /// variable of a local one such as <c>OLLAMA_HOST</c>); null when it is configured, disabled in the config, or has none.
    /// </summary>
    public string? EnablingVariable(string provider) =>
        _status.TryGetValue(provider, out var status) && !status.Configured ? _enablingVariables.GetValueOrDefault(provider) : null;

    /// <summary>Disposes every provider client made here (the SDK clients and their HTTP clients); later calls fail.</summary>
    public void Dispose()
    {
        _disposed = true;
        foreach (var client in _speechClients.Values)
        {
            client?.Dispose();
        }

        foreach (var client in _chatClients.Values)
        {
            client.Dispose();
        }

        _speechClients.Clear();
        _chatClients.Clear();
    }

    public IChatClient ChatClient(ModelId model) =>
        _disposed ? throw new ObjectDisposedException(nameof(ModelRouter)) : _chatClients.GetOrAdd(model.ToString(), static (_, state) =>
        {
            var (self, id) = state;
            return self._adapters[self._status[id.Provider].ApiKind].CreateChatClient(self._endpoints[id.Provider], id.Model);
        }, (this, model));

    /// <summary>
    /// Where OpenAI chat bodies can be relayed as they are for <paramref name="provider"/>: its endpoint when the built-in
    /// OpenAI-compatible adapter serves it, else null (another protocol, or an adapter registered in its place).
    /// </summary>
    public WireEndpoint? WireEndpoint(string provider) =>
        _disposed ? throw new ObjectDisposedException(nameof(ModelRouter)) : _wireEndpoints.GetOrAdd(provider, static (id, self) =>
            self._endpoints.TryGetValue(id, out var endpoint) && self._adapters.GetValueOrDefault(self._status[id].ApiKind) is OpenAICompatibleAdapter adapter
                ? adapter.CreateWireEndpoint(endpoint)
                : null, this);

    public ISpeechToTextClient? SpeechToTextClient(CatalogModel model) =>
        _disposed ? throw new ObjectDisposedException(nameof(ModelRouter)) : _speechClients.GetOrAdd(model.Id, static (_, state) =>
        {
            var (self, m) = state;
            var endpoint = self._endpoints[m.Provider];
            return m.TranscribesThroughChat()
                ? new ChatTranscriptionClient(self.ChatClient(m.Ref), endpoint, m.Model, m.StructuredOutput == true)
                : self._adapters[self._status[m.Provider].ApiKind].CreateSpeechToTextClient(endpoint, m.Model);
        }, (this, model));

    private void Resolve(CatalogProvider provider, PortfolioSettings settings, IEnvironmentVariables environment, bool declaredInConfig)
    {
        var overrides = settings.Providers.GetValueOrDefault(provider.Id) ?? new ProviderSettings();
        var baseUrl = overrides.BaseUrl ?? provider.BaseUrl;
        var keyEnv = overrides.KeyEnv ?? provider.KeyEnv;
        string? hostFromEnv = provider.HostEnv is null ? null : environment.Get(provider.HostEnv);
        string? baseUrlFromEnv = provider.BaseUrlEnv is null ? null : environment.Get(provider.BaseUrlEnv);
        string? baseUrlSource = overrides.BaseUrl is not null ? "the config" : null;
        if (overrides.BaseUrl is null && !string.IsNullOrWhiteSpace(baseUrlFromEnv))
        {
            (baseUrl, baseUrlSource) = (baseUrlFromEnv.Trim(), provider.BaseUrlEnv);
        }
        else if (overrides.BaseUrl is null && !string.IsNullOrWhiteSpace(hostFromEnv))
        {
            (baseUrl, baseUrlSource) = (hostFromEnv.Contains("://", StringComparison.Ordinal) ? hostFromEnv : "http://" + hostFromEnv, provider.HostEnv);
        }

        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var baseUri) || (baseUri.Scheme != Uri.UriSchemeHttp && baseUri.Scheme != Uri.UriSchemeHttps))
        {
            // The value is not echoed: a URL can carry credentials.
            throw CuboidException.Usage(CuboidErrorCodes.ConfigInvalid, CuboidParameters.BaseUrl, baseUrlSource is { } source && source != "the config"
                ? $"{source} is not an http(s) URL; set it like https://host/v1 or unset it"
                : $"provider '{provider.Id}' has an invalid base URL; fix it in {baseUrlSource ?? "the catalog"}");
        }

        string? key = null;
        (bool configured, string reason) = (overrides.Enabled, keyEnv) switch
        {
            (false, _) => (false, "disabled in the config"),
            (_, { } env) when string.IsNullOrEmpty(key = environment.Get(env)) => (false, $"{env} is not set"),
            (_, { } env) => (true, $"key from {env}"),
            (true, null) => (true, "local endpoint, enabled in the config"),
            (_, null) when declaredInConfig => (true, "endpoint declared in the config, no key"),
            (_, null) when !string.IsNullOrWhiteSpace(hostFromEnv) => (true, $"local endpoint from {provider.HostEnv}"),
            (_, null) when overrides.BaseUrl is not null => (true, "local endpoint from the config"),
            _ => (false, provider.HostEnv is null ? "local endpoint not enabled in the config" : $"local endpoint: set {provider.HostEnv} or enable it in the config"),
        };
        if (configured && !_adapters.ContainsKey(provider.ApiKind))
        {
            (configured, reason) = (false, $"no adapter for API kind '{provider.ApiKind}'");
        }

        if (configured && baseUrlSource is not null && !reason.Contains(baseUrlSource, StringComparison.Ordinal))
        {
            reason += $"; base URL from {baseUrlSource}";
        }

        if (overrides.Enabled is not false && (keyEnv ?? provider.HostEnv) is { } variable)
        {
            _enablingVariables[provider.Id] = variable;
        }

        _status[provider.Id] = new ProviderStatus(provider.Id, provider.ApiKind, baseUri, keyEnv, configured, reason);
        if (configured)
        {
            _endpoints[provider.Id] = new ProviderEndpoint(provider.Id, provider.ApiKind, baseUri, key);
        }
    }
}
