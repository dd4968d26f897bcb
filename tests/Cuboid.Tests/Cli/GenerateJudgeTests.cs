using Cuboid.Cli;
using Cuboid.Generation.LongForm;
using Cuboid.Portfolio;
using Cuboid.Testing.Generation;
using Cuboid.Testing.Simulators;
using Cuboid.Tests.Generation;
using Cuboid.Tests.Portfolio;

namespace Cuboid.Tests.Cli;

/// <summary>
/// <c>cuboid generate --judge</c>: the video simulator makes the segments, the chat simulator (configured as the openai
/// provider in cuboid.json) captions and scores them; the dry run prices the judge, the run prints and keeps the scores, and
/// bad input is one line with its exit code.
/// </summary>
public sealed class GenerateJudgeTests : IClassFixture<VideoSimulatorFixture>, IClassFixture<RouterSimulatorFixture>, IDisposable
{
    private const string Scores = """{"segments":[{"segment":1,"score":7,"reason":"the lighthouse is there"},{"segment":2,"score":3,"reason":"no dusk light"},{"segment":3,"score":8,"reason":"as asked"}]}""";

    private readonly VideoHostSimulator _video;
    private readonly ProviderSimulator _chat;
    private readonly string _dir = Directory.CreateTempSubdirectory("cuboid-cli-judge-").FullName;
    private readonly string _key = $"CUBOID_TEST_VIDEO_KEY_{Guid.NewGuid():N}";
    private readonly string _chatKey = $"CUBOID_TEST_CHAT_KEY_{Guid.NewGuid():N}";

    public GenerateJudgeTests(VideoSimulatorFixture video, RouterSimulatorFixture chat)
    {
        _video = video.Sim;
        _chat = chat.Fresh(request => request.Images.Count > 0 ? "A white lighthouse on a rocky coast at dusk." : Scores);
        Environment.SetEnvironmentVariable(_key, _video.ApiKey);
        Environment.SetEnvironmentVariable(_chatKey, ProviderSimulator.DefaultApiKey);
        var catalog = TestVideoCatalog.For(_video, _key, DateOnly.FromDateTime(DateTime.UtcNow));
        PortfolioJson.WriteAtomically(Path.Combine(_dir, "video.json"), catalog with { Hosts = [.. catalog.Hosts.Where(h => h.Id != "openai")] });
        File.WriteAllText(Path.Combine(_dir, "cuboid.json"), $$"""
            {
              "providers": { "openai": { "baseUrl": "{{_chat.Endpoint("openai").BaseUri}}", "keyEnv": "{{_chatKey}}" } },
              "tasks": { "caption": { "model": "openai:gpt-4.1-mini" }, "reason": { "model": "openai:gpt-4.1-mini" } },
              "resilience": { "maxAttempts": 2, "baseDelaySeconds": 0.01, "maxDelaySeconds": 0.05, "callTimeoutSeconds": 20 }
            }
            """);
        File.WriteAllText(Path.Combine(_dir, "none.json"), """{"providers":{"openai":{"enabled":false},"anthropic":{"enabled":false},"gemini":{"enabled":false},"openrouter":{"enabled":false},"groq":{"enabled":false},"ollama":{"enabled":false}}}""");
        File.WriteAllText(Path.Combine(_dir, "story.json"), """{"shots":[{"prompt":"a lighthouse at dusk","seconds":2},{"prompt":"its lamp turns on","seconds":2},{"prompt":"night falls over the sea","seconds":2}]}""");
    }

    private string OutDir => Path.Combine(_dir, "long");

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(_key, null);
        Environment.SetEnvironmentVariable(_chatKey, null);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private string[] Generate(string config, params string[] extra) =>
        ["generate", "a lighthouse at dusk", "--model", "test:alpha", "--storyboard", Path.Combine(_dir, "story.json"), "--strategy", "chain", "--gate", "off",
         "--resolution", "90p", "--catalog", Path.Combine(_dir, "video.json"), "--store", Path.Combine(_dir, "store"), "--out", OutDir,
         "--config", Path.Combine(_dir, config), "--cache", Path.Combine(_dir, "cache"), .. extra];

    [Fact]
    public async Task A_judged_long_video_prints_the_scores_and_keeps_them_in_drift_json()
    {
        var (code, stdout, stderr) = await CliRun.InProcessAsync(Generate("cuboid.json", "--judge"));

        Assert.True(code == 0, stderr);
        Assert.Contains("judge: mean score 6.0 of 10 over 3 segments; lowest: segment 2 (3: no dusk light)", stdout, StringComparison.Ordinal);
        var verdicts = DriftJson.Deserialize(File.ReadAllText(Path.Combine(OutDir, DriftReportFolder.JsonName))).Judgements!;
        Assert.Equal([7.0, 3, 8], verdicts.Select(v => v.Score!.Value));
        Assert.Equal(["a lighthouse at dusk", "its lamp turns on", "night falls over the sea"], verdicts.Select(v => v.Prompt));
        Assert.All(verdicts, v => Assert.Equal(("openai:gpt-4.1-mini", "openai:gpt-4.1-mini"), (v.CaptionModel, v.Reasoner)));
        // The captions are in the analysis cache the run was given.
        Assert.True(File.Exists(Path.Combine(_dir, "cache", Cuboid.Storage.AnalysisCache.FileName)));
    }

    [Fact]
    public async Task A_dry_run_prices_the_judge_in_the_total_and_calls_nothing()
    {
        var (code, stdout, stderr) = await CliRun.InProcessAsync(Generate("cuboid.json", "--judge", "--dry-run"));
        var (_, plain, _) = await CliRun.InProcessAsync(Generate("cuboid.json", "--dry-run"));

        Assert.True(code == 0, stderr);
        var judge = stdout.Split('\n').Single(l => l.StartsWith("judge: ", StringComparison.Ordinal));
        Assert.StartsWith("judge: 3 captions on openai:gpt-4.1-mini ($", judge, StringComparison.Ordinal);
        Assert.Contains("scored by openai:gpt-4.1-mini", judge, StringComparison.Ordinal);
        Assert.DoesNotContain("judge:", plain, StringComparison.Ordinal);
        Assert.Contains("total: $0.48 expected", plain, StringComparison.Ordinal);
        Assert.DoesNotContain("total: $0.48 expected", stdout, StringComparison.Ordinal);
        Assert.Equal(0, _chat.CallCount());
        Assert.False(Directory.Exists(OutDir));
    }

    public static TheoryData<string, string, string[], int> BadInputs => new()
    {
        { "no captioner or reasoner configured", "none.json", ["--judge"], ExitCodes.Provider },
        { "a budget that covers the video but not the judge", "cuboid.json", ["--judge", "--budget", "0.48"], ExitCodes.Budget },
        { "a first frame instead of an anchor", "cuboid.json", ["--judge", "--image", "ANCHOR"], ExitCodes.Usage },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_judge_input_is_one_line_on_stderr_with_its_exit_code(string what, string config, string[] extra, int expected)
    {
        var anchor = await TestImages.AnchorPngAsync();
        var creates = _video.CreateCount();

        var (code, _, stderr) = await CliRun.InProcessAsync(Generate(config, [.. extra.Select(a => a == "ANCHOR" ? anchor : a)]));

        Assert.True(expected == code, $"{what}: exit {code}, {stderr}");
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.StartsWith("cuboid: ", stderr, StringComparison.Ordinal);
        Assert.Equal(creates, _video.CreateCount());
        Assert.Equal(0, _chat.CallCount());
    }
}
