using Cuboid.Generation;
using Cuboid.Generation.Catalog;
using Cuboid.Generation.Jobs;
using Cuboid.Generation.Routing;
using Cuboid.Portfolio;
using Cuboid.Storage;
using Cuboid.Tests.Portfolio;

namespace Cuboid.Tests.Generation.Routing;

/// <summary>The latency policy: routes by the measured create-to-end time of stored jobs, else the catalog's expected seconds.</summary>
public sealed class LatencyPolicyTests(VideoSimulatorFixture fixture) : IClassFixture<VideoSimulatorFixture>, IDisposable
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cuboid-latency-" + Guid.NewGuid().ToString("N"));
    private readonly string _key = "CUBOID_TEST_LATENCY_KEY_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private GenerationSession Session(VideoCatalog? catalog = null) => new(
        catalog ?? TestVideoCatalog.For(fixture.Sim, _key, Today), SqliteVideoJobStore.Open(_folder),
        new MapEnvironment(new Dictionary<string, string> { [_key] = fixture.Sim.ApiKey }), new HttpClient());

    private static GenerateRequest Request(RoutingPolicy policy) =>
        new() { Prompt = "a lighthouse", Seconds = 2, Resolution = "90p", AspectRatio = "16:9", Policy = policy };

    private void Finished(string host, string model, double seconds, int count = VideoLatencies.MinimumJobs, VideoJobState state = VideoJobState.Succeeded)
    {
        var store = SqliteVideoJobStore.Open(_folder);
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        for (var i = 0; i < count; i++)
        {
            store.Save(new VideoJob
            {
                Id = VideoJobId.New(host, TimeProvider.System), Host = host, HostModel = model, Task = "t2v", State = state,
                Request = new VideoJobRequest { Prompt = "earlier", Size = new VideoSize(160, 90), Seconds = 2 }, CreatedAt = start, UpdatedAt = start,
                SubmittedAt = start, FinishedAt = start.AddSeconds(seconds + i),
            });
        }
    }

    [Fact]
    public void Measured_jobs_put_the_fastest_route_first_whatever_its_rating()
    {
        Finished("replicate", $"sim/{_key}-alpha-rep", 300);
        Finished("fal", $"sim/{_key}-alpha-fal", 200);
        Finished("openrouter", $"sim/{_key}-beta-or", 40);

        var plan = Session().Plan(Request(RoutingPolicy.Latency));

        Assert.Equal(["openrouter", "fal", "replicate"], plan.Candidates.Select(c => c.Route.Host));
        Assert.Equal("test:alpha", Session().Plan(Request(RoutingPolicy.Quality)).First!.Model.Id);
    }

    [Fact]
    public void Too_few_or_failed_jobs_are_not_a_measurement_and_the_catalog_figure_is_used()
    {
        Finished("openrouter", $"sim/{_key}-beta-or", 5, count: VideoLatencies.MinimumJobs - 1);
        Finished("replicate", $"sim/{_key}-alpha-rep", 5, state: VideoJobState.Failed);
        var catalog = TestVideoCatalog.For(fixture.Sim, _key, Today);
        catalog = catalog with
        {
            Models = [.. catalog.Models.Select(m => m.Id == "test:alpha"
                ? m with { Routes = [.. m.Routes.Select(r => r.Host == "fal" ? r with { ExpectedSeconds = 90 } : r)] }
                : m)],
        };

        var plan = Session(catalog).Plan(Request(RoutingPolicy.Latency));

        // fal's catalog 90 s is the only figure: it goes first; the unmeasured routes follow by rating.
        Assert.Equal(["fal", "replicate", "openrouter"], plan.Candidates.Select(c => c.Route.Host));
    }
}
