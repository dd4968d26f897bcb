using Cuboid.Generation.Catalog;
using Cuboid.Generation.Images;
using Cuboid.Portfolio;
using Cuboid.Testing.Generation;

namespace Cuboid.Tests.Generation.Images;

/// <summary>
/// Image models whose hosts are the image simulator (key in a variable named per test): sharp (t2i and i2i on the
/// OpenAI shape, priced per image by quality and size, three sizes), flux (t2i on fal, per megapixel, takes a seed) and
/// kontext (i2i on fal, per image).
/// </summary>
internal static class TestImageCatalog
{
    public static VideoCatalog For(ImageHostSimulator sim, string keyVariable, DateOnly observed) => new()
    {
        Hosts = [Host(sim, "openai", keyVariable), Host(sim, "fal", keyVariable)],
        Models =
        [
            new VideoModel
            {
                Id = "test:sharp", Tasks = ["t2i", "i2i"],
                Ratings = [new ModelRating("t2i", 1200, "test", observed), new ModelRating("i2i", 1200, "test", observed)],
                Routes =
                [
                    new VideoRoute
                    {
                        Host = "openai", Model = Sharp(keyVariable), ReferenceImages = 1, Sizes = ["1024x1024", "1024x1536", "1536x1024"],
                        ImagePrices =
                        [
                            new ImagePrice { Quality = "low", Size = "1024x1024", PerImage = 0.011m }, new ImagePrice { Quality = "low", PerImage = 0.016m },
                            new ImagePrice { Quality = "medium", Size = "1024x1024", PerImage = 0.042m }, new ImagePrice { Quality = "medium", PerImage = 0.063m },
                        ],
                    },
                ],
            },
            new VideoModel
            {
                Id = "test:flux", Tasks = ["t2i"], Ratings = [new ModelRating("t2i", 1100, "test", observed)],
                Routes = [new VideoRoute { Host = "fal", Model = Flux(keyVariable), Seed = true, ImagePrices = [new ImagePrice { PerMegapixel = 0.025m }] }],
            },
            new VideoModel
            {
                Id = "test:kontext", Tasks = ["i2i"], Ratings = [new ModelRating("i2i", 1000, "test", observed)],
                Routes = [new VideoRoute { Host = "fal", Model = Kontext(keyVariable), ReferenceImages = 1, ImagePrices = [new ImagePrice { PerImage = 0.04m }] }],
            },
        ],
    };

    public static string Sharp(string keyVariable) => $"sharp-{keyVariable}";

    public static string Flux(string keyVariable) => $"sim/{keyVariable}-flux";

    public static string Kontext(string keyVariable) => $"sim/{keyVariable}-kontext";

    private static VideoHost Host(ImageHostSimulator sim, string protocol, string keyVariable) => new()
    {
        Id = protocol, ApiKind = ImageHostSimulator.ApiKindFor(protocol), BaseUrl = sim.BaseUrlFor(protocol).ToString(), KeyEnv = keyVariable,
    };
}
