using System.Text.Json;
using Cuboid.Cli;
using Cuboid.Portfolio;
using Cuboid.Testing.Generation;
using Cuboid.Tests.Generation;

namespace Cuboid.Tests.Cli;

/// <summary>
/// <c>cuboid generate</c> and <c>cuboid jobs</c> against the video simulator, through a catalog overlay whose hosts point
/// at it with the key in a uniquely named environment variable; the crash tests kill a real child <c>cuboid</c> process.
/// </summary>
public sealed class GenerateCommandTests : IClassFixture<VideoSimulatorFixture>, IDisposable
{
    private readonly VideoHostSimulator _sim;
    private readonly string _dir = Directory.CreateTempSubdirectory("cuboid-cli-generate-").FullName;
    private readonly string _key = $"CUBOID_TEST_VIDEO_KEY_{Guid.NewGuid():N}";

    public GenerateCommandTests(VideoSimulatorFixture fixture)
    {
        _sim = fixture.Sim;
        Environment.SetEnvironmentVariable(_key, _sim.ApiKey);
        PortfolioJson.WriteAtomically(Overlay, TestVideoCatalog.For(_sim, _key, DateOnly.FromDateTime(DateTime.UtcNow)));
    }

    private string Overlay => Path.Combine(_dir, "video.json");

    private string Store => Path.Combine(_dir, "store");

    private string OutDir => Path.Combine(_dir, "out");

    private string Model(string suffix) => $"sim/{_key}-{suffix}";

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(_key, null);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    // --model test:alpha unless the extra arguments name another (an option given twice is itself a usage error).
    private string[] Generate(params string[] extra) =>
        ["generate", "a lighthouse at dusk", .. extra.Contains("--model") ? Array.Empty<string>() : ["--model", "test:alpha"], "--seconds", "2", "--resolution", "90p",
         "--catalog", Overlay, "--store", Store, "--out", OutDir, .. extra];

    [Fact]
    public async Task Generate_saves_the_mp4_and_a_sidecar_that_holds_no_key()
    {
        var (code, stdout, stderr) = await CliRun.InProcessAsync(Generate());

        Assert.True(code == 0, stderr);
        Assert.Contains("160x90", stdout, StringComparison.Ordinal);
        var mp4 = Assert.Single(Directory.GetFiles(OutDir, "*.mp4"));
        var sidecar = File.ReadAllText(Path.ChangeExtension(mp4, ".json"));
        using var json = JsonDocument.Parse(sidecar);
        Assert.Equal("succeeded", json.RootElement.GetProperty("state").GetString());
        Assert.Equal("test:alpha", json.RootElement.GetProperty("model").GetString());
        Assert.Equal(160, json.RootElement.GetProperty("outputs")[0].GetProperty("width").GetInt32());
        Assert.DoesNotContain(_sim.ApiKey, sidecar, StringComparison.Ordinal);
        Assert.DoesNotContain(_sim.ApiKey, stdout + stderr, StringComparison.Ordinal);
        Assert.Contains("running", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_wait_prints_the_job_id_and_jobs_wait_finishes_it_without_a_second_create()
    {
        var (code, stdout, stderr) = await CliRun.InProcessAsync(Generate("--no-wait"));
        Assert.True(code == 0, stderr);
        var id = stdout.Trim();
        Assert.Equal("replicate", Cuboid.Generation.Jobs.VideoJobId.HostOf(id));

        var wait = await CliRun.InProcessAsync("jobs", "wait", id, "--catalog", Overlay, "--store", Store, "--out", OutDir, "--json");
        var list = await CliRun.InProcessAsync("jobs", "list", "--catalog", Overlay, "--store", Store, "--json");
        var show = await CliRun.InProcessAsync("jobs", "show", id, "--catalog", Overlay, "--store", Store);

        Assert.True(wait.Code == 0, wait.Err);
        Assert.Equal("succeeded", JsonDocument.Parse(wait.Out).RootElement.GetProperty("state").GetString());
        Assert.Single(JsonDocument.Parse(list.Out).RootElement.EnumerateArray());
        Assert.Contains("succeeded", show.Out, StringComparison.Ordinal);
        Assert.Equal(1, _sim.CreateCount(Model("alpha-rep")));
        Assert.True(File.Exists(Path.Combine(OutDir, $"{id}.mp4")));
    }

    [Fact]
    public async Task A_dry_run_shows_the_chosen_route_its_fallbacks_prices_compute_and_skips_and_creates_nothing()
    {
        var (code, stdout, _) = await CliRun.InProcessAsync(["generate", "a kite", "--seconds", "2", "--resolution", "90p", "--catalog", Overlay, "--store", Store, "--dry-run", "--policy", "cost"]);

        Assert.Equal(0, code);
        Assert.Contains("chosen   test:beta via openrouter", stdout, StringComparison.Ordinal);
        Assert.Contains("space-time tokens", stdout, StringComparison.Ordinal);
        Assert.Contains("fallback test:alpha via replicate", stdout, StringComparison.Ordinal);
        Assert.Equal(0, _sim.CreateCount(Model("beta-or")));
    }

    [Fact]
    public async Task A_dry_run_without_keys_still_prices_every_route_and_says_none_can_run_here_yet()
    {
        Environment.SetEnvironmentVariable(_key, null);

        var (code, stdout, _) = await CliRun.InProcessAsync(["generate", "a kite", "--seconds", "2", "--resolution", "90p", "--catalog", Overlay, "--store", Store, "--dry-run", "--policy", "cost"]);

        Assert.Equal(0, code);
        Assert.Contains("priced   test:beta via openrouter", stdout, StringComparison.Ordinal);
        Assert.Contains($"[not configured: no key ({_key} is not set)]", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("chosen", stdout, StringComparison.Ordinal);
        Assert.Contains("no route can run here yet", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Models_task_t2v_lists_video_models_with_decayed_ratings_and_prices()
    {
        var (code, stdout, _) = await CliRun.InProcessAsync("models", "--task", "t2v", "--catalog", Overlay, "--json");

        Assert.Equal(0, code);
        var entries = JsonDocument.Parse(stdout).RootElement.EnumerateArray().ToList();
        Assert.Contains(entries, e => e.GetProperty("modelId").GetString() == "google:veo-3.1");
        Assert.Contains(entries, e => e.GetProperty("modelId").GetString() == "test:alpha" && e.GetProperty("usable").GetBoolean());
    }

    public static TheoryData<string, string[], int> BadInputs => new()
    {
        { "negative duration", ["--seconds", "-1"], ExitCodes.Usage },
        { "unknown model", ["--model", "nobody:nothing"], ExitCodes.Usage },
        { "a size the model cannot make", ["--model", "test:beta", "--size", "1920x1080"], ExitCodes.Usage },
        { "a malformed size", ["--size", "big"], ExitCodes.Usage },
        { "an image that is not an image", ["--image", "NOT_AN_IMAGE"], ExitCodes.Input },
        { "over budget", ["--budget", "0.01"], ExitCodes.Budget },
        { "an unknown job to extend", ["--extend", "fal.0123456789abcdef0123456789abcdef"], ExitCodes.Usage },
        { "an extension with a first frame", ["--extend", "fal.0123456789abcdef0123456789abcdef", "--image", "NOT_AN_IMAGE"], ExitCodes.Usage },
    };

    [Fact]
    public async Task Extend_continues_a_finished_job_and_refuses_an_unfinished_one_or_a_model_without_extension()
    {
        var first = await CliRun.InProcessAsync(Generate("--json"));
        Assert.True(first.Code == 0, first.Err);
        var source = JsonDocument.Parse(first.Out).RootElement.GetProperty("id").GetString()!;
        var pending = (await CliRun.InProcessAsync(Generate("--no-wait"))).Out.Trim();

        var extended = await CliRun.InProcessAsync(Generate("--extend", source, "--json"));
        var unfinished = await CliRun.InProcessAsync(Generate("--extend", pending));
        var unextendable = await CliRun.InProcessAsync(Generate("--extend", source, "--model", "test:beta"));

        Assert.True(extended.Code == 0, extended.Err);
        using var job = JsonDocument.Parse(extended.Out);
        Assert.Equal("extend", job.RootElement.GetProperty("task").GetString());
        Assert.Equal(source, job.RootElement.GetProperty("request").GetProperty("extends").GetString());
        Assert.Equal(ExitCodes.Usage, unfinished.Code);
        Assert.Contains("only a finished job's video can be extended", unfinished.Err, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, unextendable.Code);
        Assert.Contains("does not do extend", unextendable.Err, StringComparison.Ordinal);
        Assert.All(new[] { unfinished.Err, unextendable.Err }, e => Assert.Single(e.Trim().Split('\n')));
    }

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_is_one_line_on_stderr_with_its_exit_code_and_no_output(string what, string[] extra, int expected)
    {
        var notImage = Path.Combine(_dir, "photo.png");
        await File.WriteAllTextAsync(notImage, "not a picture");
        var args = Generate([.. extra.Select(a => a == "NOT_AN_IMAGE" ? notImage : a)]);

        var (code, _, stderr) = await CliRun.InProcessAsync(args);

        Assert.True(expected == code, $"{what}: exit {code}, {stderr}");
        Assert.DoesNotContain("more than once", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.StartsWith("cuboid: ", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(OutDir) && Directory.GetFiles(OutDir).Length > 0);
    }

    [Fact]
    public async Task A_missing_key_for_the_only_route_and_an_unknown_job_id_are_one_line_each()
    {
        Environment.SetEnvironmentVariable(_key, null);
        var noKey = await CliRun.InProcessAsync(Generate("--model", "test:beta"));
        var noJob = await CliRun.InProcessAsync("jobs", "show", "fal.0123456789abcdef", "--catalog", Overlay, "--store", Store);

        Assert.Equal(ExitCodes.Provider, noKey.Code);
        Assert.Contains(_key, noKey.Err, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, noJob.Code);
        Assert.Single(noJob.Err.Trim().Split('\n'));
    }

    [Theory]
    [InlineData("replicate", "succeeded", 0)]
    [InlineData("fal", "unknown", ExitCodes.Provider)]
    public async Task A_cli_killed_after_sending_the_create_is_resumed_by_jobs_wait_without_a_second_create(string host, string state, int exitCode)
    {
        var model = host == "replicate" ? "test:alpha" : "test:alpha-fal";
        var hostModel = Model(host == "replicate" ? "alpha-rep" : "alpha-fal");
        if (host == "fal")
        {
            // Pin the fal route: an overlay model with only that route.
            var catalog = TestVideoCatalog.For(_sim, _key, DateOnly.FromDateTime(DateTime.UtcNow));
            var alpha = catalog.FindModel("test:alpha")!;
            PortfolioJson.WriteAtomically(Overlay, catalog with { Models = [.. catalog.Models, alpha with { Id = model, Routes = [.. alpha.Routes.Where(r => r.Host == "fal")] }] });
        }

        _sim.Script(hostModel, VideoFault.HangCreate(TimeSpan.FromSeconds(60)));
        using (var child = CliRun.Child(Generate("--model", model), _key, _sim.ApiKey))
        {
            await CliRun.WaitUntilAsync(() => _sim.Jobs.Any(j => j.Model == hostModel), TimeSpan.FromSeconds(60));
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync();
        }

        var wait = await CliRun.InProcessAsync("jobs", "wait", JobIdIn(Store), "--catalog", Overlay, "--store", Store, "--out", OutDir, "--json");

        Assert.Equal(exitCode, wait.Code);
        Assert.Equal(state, JsonDocument.Parse(wait.Out).RootElement.GetProperty("state").GetString());
        Assert.Equal(1, _sim.CreateCount(hostModel));
    }

    [Fact]
    public async Task A_cli_killed_while_polling_a_started_job_is_resumed_and_the_store_holds_one_job()
    {
        var hostModel = Model("alpha-rep");
        var before = _sim.PollsToFinish;
        _sim.PollsToFinish = 15;
        using (var child = CliRun.Child(Generate(), _key, _sim.ApiKey))
        {
            await CliRun.WaitUntilAsync(() => _sim.Jobs.Any(j => j.Model == hostModel && j.Polls >= 1), TimeSpan.FromSeconds(60));
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Assert.Equal(Cuboid.Generation.VideoJobState.Running, Cuboid.Storage.SqliteVideoJobStore.Open(Store).List().Single().State);
        _sim.PollsToFinish = before;
        var wait = await CliRun.InProcessAsync("jobs", "wait", JobIdIn(Store), "--catalog", Overlay, "--store", Store, "--out", OutDir, "--json");
        var list = await CliRun.InProcessAsync("jobs", "list", "--catalog", Overlay, "--store", Store, "--json");

        Assert.True(wait.Code == 0, wait.Err);
        Assert.Equal(1, _sim.CreateCount(hostModel));
        Assert.Single(JsonDocument.Parse(list.Out).RootElement.EnumerateArray());
    }

    [Fact]
    public async Task Jobs_cancel_ends_a_job_cancelled_and_jobs_download_fetches_a_finished_one_again_without_a_second_create()
    {
        var queued = (await CliRun.InProcessAsync(Generate("--no-wait"))).Out.Trim();
        var cancel = await CliRun.InProcessAsync("jobs", "cancel", queued, "--catalog", Overlay, "--store", Store, "--json");
        var cancelled = await CliRun.InProcessAsync("jobs", "wait", queued, "--catalog", Overlay, "--store", Store, "--out", OutDir, "--json");
        var done = await CliRun.InProcessAsync(Generate("--json"));
        Assert.True(done.Code == 0, done.Err);
        var id = JsonDocument.Parse(done.Out).RootElement.GetProperty("id").GetString()!;
        var again = Path.Combine(_dir, "again");

        var download = await CliRun.InProcessAsync("jobs", "download", id, "--catalog", Overlay, "--store", Store, "--out", again, "--json");
        var finished = await CliRun.InProcessAsync("jobs", "cancel", id, "--catalog", Overlay, "--store", Store);

        Assert.True(cancel.Code == 0, cancel.Err);
        Assert.Equal(ExitCodes.Provider, cancelled.Code);
        Assert.Equal("cancelled", JsonDocument.Parse(cancelled.Out).RootElement.GetProperty("state").GetString());
        Assert.True(download.Code == 0, download.Err);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(OutDir, $"{id}.mp4")), await File.ReadAllBytesAsync(Path.Combine(again, $"{id}.mp4")));
        var hostJobs = _sim.Jobs.Where(j => j.Model == Model("alpha-rep")).ToList();
        Assert.Equal(2, _sim.CreateCount(Model("alpha-rep")));
        Assert.Single(hostJobs, j => j.CancelRequested);
        Assert.Single(hostJobs, j => j.Downloads == 2);
        Assert.Equal(ExitCodes.Usage, finished.Code);
        Assert.Contains($"job {id} is succeeded; there is nothing to cancel", Assert.Single(finished.Err.Trim().Split('\n')), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verbose_logs_each_saved_job_state_and_neither_the_key_nor_a_wrong_one_reaches_any_output()
    {
        const string wrongKey = "vk-wrong-5555666677778888";

        var ok = await CliRun.ChildToEndAsync(Generate("--verbose"), _key, _sim.ApiKey);
        var refused = await CliRun.ChildToEndAsync(Generate("--verbose", "--model", "test:beta"), _key, wrongKey);

        Assert.True(ok.Code == 0, ok.Err);
        Assert.Contains("Cuboid.Generation.Jobs.VideoJobRunner[1300]", ok.Err, StringComparison.Ordinal);
        Assert.Contains(": succeeded (", ok.Err, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Provider, refused.Code);
        Assert.Contains("Cuboid.Generation.Jobs.VideoJobRunner[1301]", refused.Err, StringComparison.Ordinal);
        Assert.DoesNotContain(_sim.ApiKey, ok.Out + ok.Err, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongKey, refused.Out + refused.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(80)]
    [InlineData(120)]
    public async Task Jobs_list_fits_the_terminal_with_every_job_id_and_model_whole(int width)
    {
        var ids = new[] { (await CliRun.InProcessAsync(Generate("--no-wait"))).Out.Trim(), (await CliRun.InProcessAsync(Generate("--no-wait", "--model", "test:beta"))).Out.Trim() };
        var console = CliConsole.Capture(out var stdout, out var stderr, width);

        var code = await CuboidApp.RunAsync(["jobs", "list", "--catalog", Overlay, "--store", Store], console);

        Assert.True(code == 0, stderr.ToString());
        var lines = stdout.ToString().Split('\n');
        Assert.All(lines, l => Assert.True(l.TrimEnd('\r').Length <= width, $"{l.Length} columns: {l}"));
        Assert.All(ids, id => Assert.Contains(lines, l => l.Contains(id, StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.Contains("test:alpha", StringComparison.Ordinal));
    }

    private static string JobIdIn(string store)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return Assert.Single(Cuboid.Storage.SqliteVideoJobStore.Open(store).List()).Id;
    }
}
