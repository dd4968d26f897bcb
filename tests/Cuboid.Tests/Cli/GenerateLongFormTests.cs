using System.Text.Json;
using Cuboid.Cli;
using Cuboid.Generation.LongForm;
using Cuboid.Portfolio;
using Cuboid.Testing.Generation;
using Cuboid.Tests.Generation;

namespace Cuboid.Tests.Cli;

/// <summary>
/// <c>cuboid generate --seconds N</c> for a long video, against the drifting video simulator through a catalog overlay:
/// the output folder, the dry-run plan, bad input, and a real child <c>cuboid</c> process killed mid-run and resumed.
/// </summary>
public sealed class GenerateLongFormTests : IClassFixture<VideoSimulatorFixture>, IDisposable
{
    private readonly VideoHostSimulator _sim;
    private readonly string _dir = Directory.CreateTempSubdirectory("cuboid-cli-longform-").FullName;
    private readonly string _key = $"CUBOID_TEST_VIDEO_KEY_{Guid.NewGuid():N}";

    public GenerateLongFormTests(VideoSimulatorFixture fixture)
    {
        _sim = fixture.Sim;
        Environment.SetEnvironmentVariable(_key, _sim.ApiKey);
        // Without the test catalog's "openai" video host, the shipped image models keep their own openai-images host.
        var catalog = TestVideoCatalog.For(_sim, _key, DateOnly.FromDateTime(DateTime.UtcNow));
        PortfolioJson.WriteAtomically(Overlay, catalog with { Hosts = [.. catalog.Hosts.Where(h => h.Id != "openai")] });
    }

    private string Overlay => Path.Combine(_dir, "video.json");

    private string Store => Path.Combine(_dir, "store");

    private string OutDir => Path.Combine(_dir, "long");

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(_key, null);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private string[] Generate(int seconds, params string[] extra) =>
        ["generate", "a lighthouse at dusk", "--model", "test:alpha", "--seconds", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
         "--segment-seconds", "2", "--resolution", "90p", "--catalog", Overlay, "--store", Store, "--out", OutDir, .. extra];

    [Fact]
    public async Task A_chained_long_video_writes_the_video_segments_storyboard_and_drift_report_and_says_what_it_cost()
    {
        var anchor = await TestImages.AnchorPngAsync();

        var (code, stdout, stderr) = await CliRun.InProcessAsync(Generate(6, "--strategy", "chain", "--anchor", anchor, "--gate", "deltaE=2"));

        Assert.True(code == 0, stderr);
        Assert.Contains($"{LongFormSession.VideoName}: 160x90", stdout, StringComparison.Ordinal);
        Assert.Contains("3 segments; $0.48", stdout, StringComparison.Ordinal);
        Assert.Contains("re-anchored", stdout, StringComparison.Ordinal);
        foreach (var file in new[] { LongFormSession.VideoName, LongFormSession.StoryboardName, "drift.json", "drift.html", "segments/segment-03.mp4" })
        {
            Assert.True(File.Exists(Path.Combine(OutDir, file)), file);
        }
    }

    [Fact]
    public async Task A_dry_run_prices_every_segment_and_the_worst_case_of_best_of_n_and_creates_nothing()
    {
        var before = _sim.CreateCount();

        var (code, stdout, _) = await CliRun.InProcessAsync(Generate(6, "--strategy", "chain", "--best-of", "3", "--dry-run"));

        Assert.Equal(0, code);
        Assert.Contains("chain: 3 segments, 6 s", stdout, StringComparison.Ordinal);
        Assert.Contains("segment   3: 2 s via replicate:", stdout, StringComparison.Ordinal);
        Assert.Contains("total: $0.48 expected, $1.44 worst case (every segment rendered 3 times)", stdout, StringComparison.Ordinal);
        Assert.Equal(before, _sim.CreateCount());
        Assert.False(Directory.Exists(OutDir));
    }

    public static TheoryData<string, string[], int> BadInputs => new()
    {
        { "unknown strategy", ["--strategy", "zigzag"], ExitCodes.Usage },
        { "bad gate", ["--gate", "colour=3"], ExitCodes.Usage },
        { "best-of zero", ["--best-of", "0"], ExitCodes.Usage },
        { "keyframes without a configured image model", ["--strategy", "keyframes"], ExitCodes.Provider },
        { "an image instead of an anchor", ["--image", "ANCHOR"], ExitCodes.Usage },
        { "a missing anchor", ["--anchor", "MISSING"], ExitCodes.Input },
        { "over budget", ["--strategy", "chain", "--budget", "0.1"], ExitCodes.Budget },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_long_form_input_is_one_line_on_stderr_with_its_exit_code(string what, string[] extra, int expected)
    {
        var anchor = await TestImages.AnchorPngAsync();
        var args = Generate(6, [.. extra.Select(a => a switch { "ANCHOR" => anchor, "MISSING" => Path.Combine(_dir, "missing.png"), _ => a })]);

        var (code, _, stderr) = await CliRun.InProcessAsync(args);

        Assert.True(expected == code, $"{what}: exit {code}, {stderr}");
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.StartsWith("cuboid: ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_video_killed_after_two_segments_resumes_from_them_and_creates_no_segment_twice()
    {
        var anchor = await TestImages.AnchorPngAsync();
        var hostModel = $"sim/{_key}-alpha-rep";
        var args = Generate(8, "--strategy", "chain", "--anchor", anchor, "--gate", "off");
        using (var child = CliRun.Child(args, _key, _sim.ApiKey))
        {
            await CliRun.WaitUntilAsync(() => Chosen(OutDir) >= 2, TimeSpan.FromMinutes(4));
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync();
        }

        var delivered = Chosen(OutDir);
        var (code, stdout, stderr) = await CliRun.InProcessAsync(args);

        Assert.True(code == 0, stderr);
        Assert.Contains($"from the earlier run", stdout, StringComparison.Ordinal);
        Assert.True(delivered >= 2);
        Assert.Equal(4, _sim.CreateCount(hostModel));
        Assert.Equal(4, Directory.GetFiles(Path.Combine(OutDir, "segments"), "segment-??.mp4").Length);
    }

    private static int Chosen(string folder)
    {
        try
        {
            using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, LongFormManifest.FileName)));
            return manifest.RootElement.GetProperty("chosen").EnumerateObject().Count();
        }
        catch (Exception ex) when (ex is IOException or JsonException or KeyNotFoundException)
        {
            return 0;
        }
    }
}
