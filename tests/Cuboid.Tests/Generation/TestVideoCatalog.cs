using Cuboid.Generation.Catalog;
using Cuboid.Portfolio;
using Cuboid.Testing.Generation;

namespace Cuboid.Tests.Generation;

/// <summary>
/// A small video catalog whose hosts are the simulator's protocols (keys in variables named per test), at 90p so clips
/// render in milliseconds: alpha (t2v, i2v and extend, on replicate and fal), beta (t2v, cheap, 2 s only, on openrouter,
/// no extension), gamma (i2v with a last frame, and extend, on veo); <see cref="WithDelta"/> adds an OpenAI Videos model.
/// </summary>
internal static class TestVideoCatalog
{
    public static readonly IReadOnlyList<VideoPrice> Prices = [new("90p", null, 0.10m)];

    public static VideoCatalog For(VideoHostSimulator sim, string keyVariable, DateOnly observed) => new()
    {
        Hosts =
        [
            Host(sim, "replicate", keyVariable), Host(sim, "fal", keyVariable), Host(sim, "openrouter", keyVariable),
            Host(sim, "veo", keyVariable), Host(sim, "openai", keyVariable),
        ],
        Models =
        [
            new VideoModel
            {
                Id = "test:alpha", Tasks = ["t2v", "i2v", "extend"], Ratings = [new ModelRating("t2v", 1200, "test", observed), new ModelRating("i2v", 1200, "test", observed)],
                Routes =
                [
                    Route("fal", $"sim/{keyVariable}-alpha-fal", [new("90p", null, 0.10m)]),
                    Route("replicate", $"sim/{keyVariable}-alpha-rep", [new("90p", null, 0.08m)]),
                ],
            },
            new VideoModel
            {
                Id = "test:beta", Tasks = ["t2v"], Ratings = [new ModelRating("t2v", 1100, "test", observed)], ComputeFamily = "wan2.1-t2v-1.3b",
                Routes = [Route("openrouter", $"sim/{keyVariable}-beta-or", [new("90p", null, 0.02m)]) with { Durations = [2], LastFrame = false }],
            },
            new VideoModel
            {
                Id = "test:gamma", Tasks = ["i2v", "extend"], Ratings = [new ModelRating("i2v", 1000, "test", observed)],
                Routes = [Route("veo", $"sim/{keyVariable}-gamma-veo", [new("90p", null, 0.12m)]) with { LastFrame = true }],
            },

        ],
    };

    /// <summary>
    /// The catalog with test:delta too: t2v and extend on the OpenAI Videos shape (host <c>openai</c>), dear, and unrated
    /// for t2v so the t2v field's prior stays alpha's and beta's (kept out of <see cref="For"/>, whose route lists tests pin).
    /// </summary>
    public static VideoCatalog WithDelta(VideoHostSimulator sim, string keyVariable, DateOnly observed)
    {
        var catalog = For(sim, keyVariable, observed);
        return catalog with
        {
            Models =
            [
                .. catalog.Models,
                new VideoModel
                {
                    Id = "test:delta", Tasks = ["t2v", "extend"], Ratings = [new ModelRating("i2v", 900, "test", observed)],
                    Routes = [Route("openai", $"sim/{keyVariable}-delta-openai", [new("90p", null, 0.30m)]) with { FirstFrame = false, LastFrame = false, Seed = false }],
                },
            ],
        };
    }

    private static VideoHost Host(VideoHostSimulator sim, string protocol, string keyVariable) => new()
    {
        Id = protocol, ApiKind = VideoHostSimulator.ApiKindFor(protocol), BaseUrl = sim.BaseUrlFor(protocol).ToString(), KeyEnv = keyVariable,
    };

    private static VideoRoute Route(string host, string model, IReadOnlyList<VideoPrice> prices) => new()
    {
        Host = host, Model = model, Prices = prices, FirstFrame = true, LastFrame = true, Seed = true, Audio = true,
        Durations = [1, 2, 3], Resolutions = ["90p", "180p"], Extend = host != "openrouter",
    };
}
