using Cuboid.Generation.Images;
using Cuboid.Generation.Jobs;
using Cuboid.Generation.Providers;
using Cuboid.Portfolio;

namespace Cuboid.Generation.Catalog;

/// <summary>
/// The catalog's hosts made usable here: a host is usable when its key variable is set; its base URL is the catalog's
/// unless its <c>baseUrlEnv</c> is set. Generators are made per host with the host's own key, so a stored job id always
/// reaches the host and key that created it. Keys are read, never stored or shown.
/// </summary>
public sealed class VideoHostDirectory(VideoCatalog catalog, IEnvironmentVariables environment, HttpClient http, TimeProvider? time = null) : IVideoGeneratorSource
{
    /// <summary>Why a host cannot be used here (unknown, no key), or null when it can.</summary>
    public string? UnusableReason(string hostId) =>
        catalog.FindHost(hostId) is not { } host ? $"host {hostId} is not in the catalog"
        : string.IsNullOrEmpty(environment.Get(host.KeyEnv)) ? $"no key ({host.KeyEnv} is not set)"
        : null;

    /// <summary>The video generator for <paramref name="host"/>, with its own key and base URL; a usage error when the host is unknown or has no key.</summary>
    public IVideoGenerator For(string host)
    {
        var endpoint = Endpoint(host);
        var inputs = catalog.Models.SelectMany(m => m.Routes).Where(r => r.Host == host && r.Inputs is not null)
            .GroupBy(r => r.Model, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Inputs!, StringComparer.Ordinal);
        return VideoApiKinds.Create(endpoint, http,
            model => inputs.GetValueOrDefault(model) ?? VideoInputMap.Default, time);
    }

    /// <summary>The image generator of a host (<c>openai-images</c>, <c>fal</c>), with the host's own key and base URL.</summary>
    public Microsoft.Extensions.AI.IImageGenerator ImageGeneratorFor(string host) => ImageApiKinds.Create(Endpoint(host), http, time);

    private ProviderEndpoint Endpoint(string host)
    {
        var entry = catalog.FindHost(host) ?? throw CuboidException.Usage(CuboidErrorCodes.ModelUnknown, CuboidParameters.Host, $"video host '{host}' is not in the catalog; known: {string.Join(", ", catalog.Hosts.Select(h => h.Id))}");
        var key = environment.Get(entry.KeyEnv);
        if (string.IsNullOrEmpty(key))
        {
            throw CuboidException.Provider(CuboidErrorCodes.ProviderUnavailable, $"no key for video host {host}: set {entry.KeyEnv}");
        }

        var baseUrl = entry.BaseUrlEnv is { } variable && environment.Get(variable) is { Length: > 0 } overridden ? overridden : entry.BaseUrl;
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var baseUri))
        {
            throw CuboidException.Usage(CuboidErrorCodes.ConfigInvalid, CuboidParameters.BaseUrl, $"video host {host} has base URL '{baseUrl}', which is not an absolute URL");
        }

        return new ProviderEndpoint(host, entry.ApiKind, baseUri, key);
    }
}
