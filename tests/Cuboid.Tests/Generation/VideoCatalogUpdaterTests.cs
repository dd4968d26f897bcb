using Cuboid.Cli;
using Cuboid.Generation.Catalog;
using Cuboid.Testing.Generation;

namespace Cuboid.Tests.Generation;

/// <summary><c>cuboid models update</c> for video: OpenRouter's <c>/videos/models</c> from a loopback server, and an arena snapshot file.</summary>
public sealed class VideoCatalogUpdaterTests : IAsyncLifetime, IDisposable
{
    private const string OpenRouterList = """
        {"data": [
          {"id": "google/veo-3.1", "canonical_slug": "google/veo-3.1", "name": "Google: Veo 3.1", "created": 1760000000,
           "supported_resolutions": ["720p", "1080p"], "supported_aspect_ratios": ["16:9", "9:16"], "supported_sizes": null,
           "supported_durations": [4, 6, 8], "supported_frame_images": ["first_frame", "last_frame"], "generate_audio": true, "seed": true,
           "pricing_skus": {"720p_audio": "0.40", "720p_no_audio": "0.20", "1080p_audio": "0.40"}},
          {"id": "bytedance/seedance-2.0-fast", "name": "ByteDance: Seedance 2.0 Fast",
           "supported_resolutions": ["480p", "720p"], "supported_aspect_ratios": ["16:9"], "supported_durations": [5, 10],
           "supported_frame_images": ["first_frame"], "generate_audio": false, "seed": null, "pricing_skus": {"480p": "0.12", "720p": "0.24"}},
          {"id": "heygen/heygen-video-1", "name": "HeyGen", "supported_durations": [5], "pricing_skus": {}}
        ]}
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("cuboid-video-update-").FullName;
    private VideoCatalogSimulator _openRouter = null!;

    private string Overlay => Path.Combine(_dir, "video.json");

    public async Task InitializeAsync() => _openRouter = await VideoCatalogSimulator.StartAsync();

    public async Task DisposeAsync() => await _openRouter.DisposeAsync();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var console = CliConsole.Capture(out var stdout, out var stderr);
        var code = await CuboidApp.RunAsync(args, console);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task OpenRouters_video_list_becomes_openrouter_routes_and_known_models_keep_their_other_routes()
    {
        _openRouter.Body = OpenRouterList;

        var (code, stdout, stderr) = await Run("models", "update", "--from", _openRouter.ModelsUri.ToString(), "--catalog", Overlay);

        Assert.True(code == 0, stderr);
        Assert.Contains("openrouter-videos: 1 model(s) added, 1 updated, 0 rating(s), 1 skipped", stdout, StringComparison.Ordinal);
        Assert.Equal(1, _openRouter.Requests);
        var catalog = VideoCatalog.Load(Overlay);
        var veo = catalog.FindModel("google:veo-3.1")!;
        Assert.Contains(veo.Routes, r => r.Host == "veo");
        var route = Assert.Single(veo.Routes, r => r.Host == "openrouter");
        Assert.Equal([new VideoPrice("720p", true, 0.40m), new VideoPrice("720p", false, 0.20m), new VideoPrice("1080p", true, 0.40m)], route.Prices);
        Assert.True(route.LastFrame && route.Seed && route.Audio);
        var seedance = catalog.FindModel("bytedance:seedance-2.0-fast")!;
        Assert.Equal(["t2v", "i2v"], seedance.Tasks);
        Assert.Equal([5, 10], seedance.Routes[0].Durations);
        Assert.False(seedance.Routes[0].Seed);
        Assert.Null(catalog.FindModel("heygen:heygen-video-1"));
    }

    [Fact]
    public async Task An_arena_snapshot_adds_dated_ratings_that_the_router_decays()
    {
        var snapshot = Path.Combine(_dir, "arena.csv");
        await File.WriteAllTextAsync(snapshot, "model,task,rating,date,source\nrunway:gen4.5,t2v,1250,2026-12-01,artificial-analysis\nacme:new-video,i2v,1300,2026-12-01,artificial-analysis\n");

        var (code, stdout, stderr) = await Run("models", "update", "--from", snapshot, "--catalog", Overlay);

        Assert.True(code == 0, stderr);
        Assert.Contains("video-ratings: 1 model(s) added, 1 updated, 2 rating(s)", stdout, StringComparison.Ordinal);
        Assert.Contains("acme:new-video is not in the video catalog", stderr, StringComparison.Ordinal);
        var gen45 = VideoCatalog.Load(Overlay).FindModel("runway:gen4.5")!;
        Assert.Contains(gen45.Ratings, r => r is { Task: "t2v", Rating: 1250, Observed.Year: 2026 });
        Assert.Contains(gen45.Ratings, r => r is { Task: "t2v", Rating: 1247, Observed.Year: 2025 });
        Assert.NotEmpty(gen45.Routes);
    }

    [Fact]
    public void A_chat_rating_snapshot_or_model_list_is_not_taken_for_a_video_source()
    {
        Assert.False(VideoCatalogUpdater.Recognises("model,task,rating,date\nopenai:gpt-4.1,reason,1300,2026-12-01\n", "r.csv"));
        Assert.False(VideoCatalogUpdater.Recognises("""{"data": [{"id": "openai/gpt-4.1", "pricing": {"prompt": "0.000002", "completion": "0.000008"}}]}""", "m.json"));
        Assert.True(VideoCatalogUpdater.Recognises(OpenRouterList, "v.json"));
    }
}
