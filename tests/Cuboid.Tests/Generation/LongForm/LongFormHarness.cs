using Cuboid.Generation;
using Cuboid.Generation.Catalog;
using Cuboid.Generation.Images;
using Cuboid.Generation.LongForm;
using Cuboid.Portfolio;
using Cuboid.Storage;
using Cuboid.Testing.Generation;
using Cuboid.Testing.Simulators;
using Cuboid.Tests.Portfolio;

namespace Cuboid.Tests.Generation.LongForm;

/// <summary>A generation session over the video simulator (the 90p test catalog, fast polling) in a fresh folder, and
/// long-form requests of 2-second segments at 90p and 12 fps, so a 12-segment video renders quickly.</summary>
internal sealed class LongFormHarness : IDisposable
{
    private static readonly HttpClient Http = new();
    private readonly VideoHostSimulator _sim;

    public LongFormHarness(VideoHostSimulator sim)
    {
        _sim = sim;
        // 24 frames a segment: dropping a join's duplicated first frame then shifts a segment's mean drift by only 1/23.
        _sim.DefaultFramesPerSecond = 12;
        Key = "CUBOID_TEST_VIDEO_KEY_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
    }

    public string Folder { get; } = Directory.CreateTempSubdirectory("cuboid-longform-").FullName;

    public string Key { get; }

    public string Out => Path.Combine(Folder, "out");

    public string Model(string suffix) => $"sim/{Key}-{suffix}";

    /// <summary>The session; with <paramref name="images"/>, the catalog also holds <c>test:painter</c> (t2i and i2i on
    /// the image simulator's OpenAI Images shape, $0.01 an image) for keyframes.</summary>
    public GenerationSession Session(decimal? budget = null, ImageHostSimulator? images = null)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var catalog = TestVideoCatalog.For(_sim, Key, today);
        var keys = new Dictionary<string, string> { [Key] = _sim.ApiKey };
        if (images is not null)
        {
            keys[Key + "_IMAGES"] = images.ApiKey;
            catalog = catalog with
            {
                Hosts = [.. catalog.Hosts, new VideoHost { Id = "images", ApiKind = ImageHostSimulator.ApiKindFor("openai"), BaseUrl = images.BaseUrlFor("openai").ToString(), KeyEnv = Key + "_IMAGES" }],
                Models =
                [
                    .. catalog.Models,
                    new VideoModel
                    {
                        Id = "test:painter", Tasks = ["t2i", "i2i"],
                        Ratings = [new ModelRating("t2i", 1200, "test", today), new ModelRating("i2i", 1200, "test", today)],
                        Routes = [new VideoRoute { Host = "images", Model = $"painter-{Key}", ReferenceImages = 4, ImagePrices = [new ImagePrice { PerImage = 0.01m }] }],
                    },
                ],
            };
        }

        return new(catalog, SqliteVideoJobStore.Open(Path.Combine(Folder, "store")), new MapEnvironment(keys), Http, new RunScope(new RunOptions { Budget = budget }),
            runnerOptions: JobHarness.FastPolling);
    }

    public static LongFormRequest Request(LongFormStrategy strategy, int segments, params string[] anchors) => new()
    {
        Prompt = "a lighthouse at dusk, the camera holding still",
        Seconds = 2 * segments,
        SegmentSeconds = 2,
        Strategy = strategy,
        Anchors = anchors,
        Resolution = "90p",
        AspectRatio = "16:9",
        // test:alpha takes first and last frames on replicate and fal.
        Model = "test:alpha",
    };

    /// <summary>Runs <paramref name="request"/> expecting it refused up front: no video job created and no call made on <paramref name="chat"/>.</summary>
    public async Task<CuboidException> RefusedBeforeAnySpendAsync(LongFormSession session, LongFormRequest request, ProviderSimulator chat)
    {
        var creates = _sim.CreateCount();

        var error = await Assert.ThrowsAsync<CuboidException>(() => session.RunAsync(request, Out));

        Assert.Equal(creates, _sim.CreateCount());
        Assert.Equal(0, chat.CallCount());
        return error;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
