using Cuboid.Generation.Providers.Fal;
using Cuboid.Generation.Providers.OpenAIImages;
using Cuboid.Portfolio;
using Microsoft.Extensions.AI;

namespace Cuboid.Generation.Images;

/// <summary>The image wire protocols, by the <c>apiKind</c> a catalog host names: OpenAI Images and fal's queue.</summary>
internal static class ImageApiKinds
{
    public const string OpenAIImages = "openai-images";

    public const string Fal = Providers.VideoApiKinds.Fal;

    public static IReadOnlyList<string> All { get; } = [OpenAIImages, Fal];

    public static IImageGenerator Create(ProviderEndpoint endpoint, HttpClient http, TimeProvider? time = null) => endpoint.ApiKind switch
    {
        OpenAIImages => new OpenAIImagesGenerator(endpoint),
        Fal => new FalImageGenerator(endpoint, http, time),
        _ => throw CuboidException.Usage(CuboidErrorCodes.ConfigInvalid, CuboidParameters.ApiKind, $"host {endpoint.Id} has {CuboidParameters.ApiKind} '{endpoint.ApiKind}', which makes no images; image hosts use {string.Join(" or ", All)}"),
    };
}
