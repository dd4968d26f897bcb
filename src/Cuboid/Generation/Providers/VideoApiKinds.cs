using Cuboid.Generation.Providers.Fal;
using Cuboid.Generation.Providers.OpenAIVideos;
using Cuboid.Generation.Providers.OpenRouter;
using Cuboid.Generation.Providers.Replicate;
using Cuboid.Generation.Providers.Runway;
using Cuboid.Generation.Providers.Veo;
using Cuboid.Portfolio;

namespace Cuboid.Generation.Providers;

/// <summary>The video wire protocols Cuboid speaks, by the <c>apiKind</c> a catalog host names, and the adapter for each.</summary>
internal static class VideoApiKinds
{
    public const string OpenAIVideos = "openai-videos";
    public const string Fal = "fal";
    public const string Replicate = "replicate";
    public const string Veo = "veo";
    public const string OpenRouterVideos = "openrouter-videos";
    public const string Runway = "runway";

    public static IReadOnlyList<string> All { get; } = [OpenAIVideos, Fal, Replicate, Veo, OpenRouterVideos, Runway];

    /// <summary>How the adapter of <paramref name="apiKind"/> takes a video to extend, or null when it cannot extend.</summary>
    public static VideoExtensionInput? ExtensionInput(string apiKind) => apiKind switch
    {
        Veo or OpenAIVideos => VideoExtensionInput.OwnVideo,
        Fal or Replicate => VideoExtensionInput.Url,
        _ => null,
    };

    /// <summary>Whether a protocol's outputs come at URLs another host can fetch without a key (CDN URLs), so a URL-taking host can extend them.</summary>
    public static bool GivesFetchableUrls(string apiKind) => apiKind is Fal or Replicate or Runway;

    /// <summary>The adapter for an endpoint's protocol; <paramref name="inputMaps"/> names each model's inputs (fal, Replicate).</summary>
    public static IVideoGenerator Create(ProviderEndpoint endpoint, HttpClient http, Func<string, VideoInputMap>? inputMaps = null, TimeProvider? time = null) =>
        endpoint.ApiKind switch
        {
            OpenAIVideos => new OpenAIVideosGenerator(endpoint, http, time),
            Fal => new FalVideoGenerator(endpoint, http, inputMaps, time),
            Replicate => new ReplicateVideoGenerator(endpoint, http, inputMaps, time),
            Veo => new VeoVideoGenerator(endpoint, http, time),
            OpenRouterVideos => new OpenRouterVideoGenerator(endpoint, http, time),
            Runway => new RunwayVideoGenerator(endpoint, http, time),
            _ => throw CuboidException.Usage(CuboidErrorCodes.ConfigInvalid, CuboidParameters.ApiKind, $"video host {endpoint.Id} has apiKind '{endpoint.ApiKind}'; use one of {string.Join(", ", All)}"),
        };
}
