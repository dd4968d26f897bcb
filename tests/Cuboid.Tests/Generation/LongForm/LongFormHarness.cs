using Cuboid.Generation;
using Cuboid.Generation.LongForm;
using Cuboid.Portfolio;
using Cuboid.Storage;
using Cuboid.Testing.Generation;
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

    public GenerationSession Session(decimal? budget = null) => new(
        TestVideoCatalog.For(_sim, Key, DateOnly.FromDateTime(DateTime.UtcNow)),
        SqliteVideoJobStore.Open(Path.Combine(Folder, "store")),
        new MapEnvironment(new Dictionary<string, string> { [Key] = _sim.ApiKey }),
        Http,
        new RunBudget(budget),
        runnerOptions: JobHarness.FastPolling);

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
