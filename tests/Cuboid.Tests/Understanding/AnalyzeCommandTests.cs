using System.Security.Cryptography;
using Cuboid.Cli;
using Cuboid.Testing.Simulators;
using Cuboid.Testing.Video;
using Cuboid.Understanding;
using Cuboid.Understanding.Reports;

namespace Cuboid.Tests.Understanding;

/// <summary><c>cuboid analyze</c> end to end: real ffmpeg on a real encoded video, the simulator as every provider.</summary>
public sealed class AnalyzeCommandTests : IAsyncLifetime
{
    /// <summary>A 22 s test pattern with a tone, a pause and another tone: the talk both analyze suites run on.</summary>
    internal static readonly VideoRecipe Talk = new()
    {
        Seconds = 22,
        Width = 320,
        Height = 180,
        Tones = [new ToneSegment(8, 440), ToneSegment.Silence(4), new ToneSegment(10, 660)],
    };

    private SimulatedProviders _world = null!;
    private string _video = null!;

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable(SimulatedProviders.KeyVariable, ProviderSimulator.DefaultApiKey);
        _world = await SimulatedProviders.StartAsync();
        _video = Path.Combine(_world.Folder, "talk video.mp4");
        File.Copy(await VideoBuilder.BuildAsync(Talk), _video);
    }

    public async Task DisposeAsync() => await _world.DisposeAsync();

    private string Out => Path.Combine(_world.Folder, "report");

    private async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] extra)
    {
        var console = CliConsole.Capture(out var stdout, out var stderr);
        var code = await CuboidApp.RunAsync(["analyze", _video, "--config", _world.ConfigPath, "--cache", _world.CacheDirectory, "--out", Out, .. extra], console);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Analyze_writes_a_full_report_from_exactly_the_planned_frames()
    {
        var (code, stdout, stderr) = await RunAsync();

        Assert.True(code == 0, stderr);
        var report = ReportJson.Deserialize(await File.ReadAllTextAsync(Path.Combine(Out, "report.json")));
        Assert.Equal("full", report.Mode);
        Assert.Equal([0d, 5, 10, 15, 20], report.Samples.Select(s => Math.Round(s.Time, 1)));

        // The captioner received exactly the frames of the plan: the JPEGs in frames/, one request each.
        var planned = report.Samples.Select(s => Hash(File.ReadAllBytes(Path.Combine(Out, s.Frame)))).Order();
        var sent = _world.Captions.Select(c => Hash(c.Images[0].Data!)).Order();
        Assert.Equal(planned, sent);
        Assert.Equal(report.Samples.Count, Directory.GetFiles(Path.Combine(Out, "frames")).Length);
        Assert.All(_world.Captions, c => Assert.Equal("image/jpeg", c.Images[0].MediaType));
        Assert.All(report.Samples, s => Assert.StartsWith($"Frame {Cuboid.Understanding.Timecode.Clock(s.Time)}", s.Caption, StringComparison.Ordinal));

        // One transcription of 16 kHz mono WAV; the reasoner got captions and speech in time order.
        var upload = Assert.Single(_world.Transcriptions).Audio!;
        Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString(upload, 0, 4));
        Assert.Equal(16000, BitConverter.ToInt32(upload, 24));
        Assert.Equal(2, report.Transcript.Count);
        var timeline = Assert.Single(_world.Reasoning).LastUserText;
        Assert.True(timeline.IndexOf("[00:00] frame:", StringComparison.Ordinal) < timeline.IndexOf("[00:00] speech:", StringComparison.Ordinal));
        Assert.True(timeline.IndexOf("[00:10] frame:", StringComparison.Ordinal) < timeline.IndexOf("[00:12] speech:", StringComparison.Ordinal));
        Assert.True(timeline.IndexOf("[00:12] speech:", StringComparison.Ordinal) < timeline.IndexOf("[00:15] frame:", StringComparison.Ordinal));

        Assert.NotEmpty(WebVttParser.Parse(await File.ReadAllTextAsync(Path.Combine(Out, "chapters.vtt"))));
        Assert.Contains("talk%20video.mp4", await File.ReadAllTextAsync(Path.Combine(Out, "report.html")), StringComparison.Ordinal);
        Assert.Contains("Report:", stdout, StringComparison.Ordinal);
        Assert.Equal(report.Usage.Stages.Sum(s => s.Calls), _world.Simulator.Calls.Count);

        // The terminal summary names who did the work, in the report's own words and numbers.
        Assert.Contains("openai:whisper-1", stdout, StringComparison.Ordinal);
        Assert.Contains("Summary and chapters", stdout, StringComparison.Ordinal);
        Assert.Contains(Cuboid.Formatting.DisplayFormat.Dollars(report.Usage.Total.Dollars), stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Budget_stop_exits_5_with_a_partial_report()
    {
        var (code, _, stderr) = await RunAsync("--budget", "0.0005", "--concurrency", "1");

        Assert.Equal(ExitCodes.Budget, code);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.Contains("partial report written", stderr, StringComparison.Ordinal);
        var report = ReportJson.Deserialize(await File.ReadAllTextAsync(Path.Combine(Out, "report.json")));
        Assert.Equal("partial", report.Mode);
        Assert.NotEmpty(report.Samples);
        Assert.True(report.Usage.Total.Dollars <= 0.0005m);
    }

    [Fact]
    public async Task Dry_run_prices_the_plan_as_json_and_calls_nothing()
    {
        var (code, stdout, _) = await RunAsync("--dry-run", "--json");

        Assert.Equal(0, code);
        using var plan = System.Text.Json.JsonDocument.Parse(stdout);
        Assert.Equal(5, plan.RootElement.GetProperty("kept").GetInt32());
        Assert.Equal(3, plan.RootElement.GetProperty("stages").GetArrayLength());
        Assert.Equal(5, plan.RootElement.GetProperty("nativeVideoComparison").GetArrayLength());
        Assert.Empty(_world.Simulator.Calls);
        Assert.False(Directory.Exists(Out));
    }

    [Fact]
    public async Task Dry_run_json_always_carries_model_and_budget_even_when_nothing_serves_a_stage()
    {
        var config = Path.Combine(_world.Folder, "none.json");
        await File.WriteAllTextAsync(config, """{"providers":{"openai":{"enabled":false},"anthropic":{"enabled":false},"gemini":{"enabled":false},"openrouter":{"enabled":false},"groq":{"enabled":false},"ollama":{"enabled":false}}}""");
        var console = CliConsole.Capture(out var stdout, out _);

        var code = await CuboidApp.RunAsync(["analyze", _video, "--config", config, "--no-cache", "--dry-run", "--json"], console);

        Assert.Equal(0, code);
        using var plan = System.Text.Json.JsonDocument.Parse(stdout.ToString());
        Assert.All(plan.RootElement.GetProperty("stages").EnumerateArray(), s => Assert.Equal(System.Text.Json.JsonValueKind.Null, s.GetProperty("model").ValueKind));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, plan.RootElement.GetProperty("budget").ValueKind);
    }

    [Fact]
    public async Task Dry_run_says_when_the_plan_exceeds_the_budget()
    {
        var (code, stdout, _) = await RunAsync("--dry-run", "--budget", "0.000001");

        Assert.Equal(0, code);
        Assert.Contains("Over budget: the estimate $", stdout, StringComparison.Ordinal);
        Assert.Contains("exceeds the budget of $0.000001;", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("quality")]
    [InlineData("cost")]
    [InlineData("balanced")]
    [InlineData("latency")]
    public async Task Models_route_the_dry_run_and_the_real_run_try_the_same_model_first(string? policy)
    {
        // Only the user's OpenAI key and no pinned models: the router chooses every stage.
        var config = Path.Combine(_world.Folder, "unpinned.json");
        await File.WriteAllTextAsync(config, $$"""
            { "providers": { "openai": { "baseUrl": "{{_world.Simulator.Endpoint("openai").BaseUri}}", "keyEnv": "{{SimulatedProviders.KeyVariable}}" } },
              "resilience": { "maxAttempts": 2, "baseDelaySeconds": 0.01, "maxDelaySeconds": 0.05 } }
            """);
        string[] byPolicy = policy is null ? [] : ["--policy", policy];
        string[] tasks = ["caption", "transcribe", "reason"];
        var routed = new List<string>();
        foreach (var task in tasks)
        {
            var (routeCode, route, routeError) = await CliAsync(["models", "route", "--task", task, "--json", "--config", config, .. byPolicy]);
            Assert.True(routeCode == 0, routeError);
            using var plan = System.Text.Json.JsonDocument.Parse(route);
            routed.Add(plan.RootElement.GetProperty("candidates")[0].GetProperty("modelId").GetString()!);
        }

        var (dryCode, dry, dryError) = await CliAsync(["analyze", _video, "--config", config, "--no-cache", "--dry-run", "--json", .. byPolicy]);
        Assert.True(dryCode == 0, dryError);
        using (var plan = System.Text.Json.JsonDocument.Parse(dry))
        {
            Assert.Equal(routed, plan.RootElement.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("model").GetString()!));
        }

        var (runCode, _, runError) = await CliAsync(["analyze", _video, "--config", config, "--no-cache", "--out", Out, .. byPolicy]);
        Assert.True(runCode == 0, runError);
        Assert.Equal(routed, [$"openai:{_world.Captions[0].Model}", $"openai:{_world.Transcriptions[0].Model}", $"openai:{_world.Reasoning[0].Model}"]);
    }

    [Fact]
    public async Task Every_call_states_its_output_cap_and_a_budget_of_the_planned_worst_case_never_stops_the_run()
    {
        var (planCode, planJson, _) = await RunAsync("--dry-run", "--json");
        Assert.Equal(0, planCode);
        decimal expected, worst;
        using (var plan = System.Text.Json.JsonDocument.Parse(planJson))
        {
            expected = plan.RootElement.GetProperty("totalDollars").GetDecimal();
            worst = plan.RootElement.GetProperty("worstCaseDollars").GetDecimal();
            Assert.All(plan.RootElement.GetProperty("stages").EnumerateArray(),
                s => Assert.True(s.GetProperty("worstCaseDollars").GetDecimal() >= s.GetProperty("dollars").GetDecimal(), s.GetProperty("stage").GetString()));
        }

        Assert.True(worst > expected);
        var budget = worst.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (dryCode, dryText, _) = await RunAsync("--dry-run", "--budget", budget);
        Assert.Equal(0, dryCode);
        Assert.Contains($"Within budget: even the worst case", dryText, StringComparison.Ordinal);

        var (code, _, stderr) = await RunAsync("--budget", budget);

        Assert.True(code == 0, stderr);
        var report = ReportJson.Deserialize(await File.ReadAllTextAsync(Path.Combine(Out, "report.json")));
        Assert.Equal("full", report.Mode);
        Assert.True(report.Usage.Total.Dollars <= worst);
        // Captions need a few hundred tokens; the reasoner's JSON a few thousand: each request says so, and the budget reserved that.
        Assert.All(_world.Captions, c => Assert.Equal(AnalysisRequests.CaptionOutputTokens, OutputCap(c)));
        Assert.All(_world.Reasoning, r => Assert.Equal(AnalysisRequests.SynthesisOutputTokens, OutputCap(r)));
    }

    private static int? OutputCap(SimulatedRequest request)
    {
        using var body = System.Text.Json.JsonDocument.Parse(request.RawBody!);
        return body.RootElement.TryGetProperty("max_completion_tokens", out var cap) || body.RootElement.TryGetProperty("max_tokens", out cap) ? cap.GetInt32() : null;
    }

    private static async Task<(int Code, string Stdout, string Stderr)> CliAsync(string[] args)
    {
        var console = CliConsole.Capture(out var stdout, out var stderr);
        var code = await CuboidApp.RunAsync(args, console);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Json_prints_the_report_on_stdout()
    {
        var (code, stdout, _) = await RunAsync("--json", "--format", "json", "--max-frames", "2");

        Assert.Equal(0, code);
        var report = ReportJson.Deserialize(stdout);
        Assert.Equal(2, report.Samples.Count);
        Assert.Equal(2, _world.Captions.Count);
        Assert.Equal(["report.json"], Directory.GetFiles(Out).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Without_any_provider_the_structural_report_is_written_with_one_hint()
    {
        var config = Path.Combine(_world.Folder, "none.json");
        await File.WriteAllTextAsync(config, """{"providers":{"openai":{"enabled":false},"anthropic":{"enabled":false},"gemini":{"enabled":false},"openrouter":{"enabled":false},"groq":{"enabled":false},"ollama":{"enabled":false}}}""");
        var console = CliConsole.Capture(out var stdout, out var stderr);

        var code = await CuboidApp.RunAsync(["analyze", _video, "--config", config, "--no-cache", "--out", Out], console);

        Assert.Equal(0, code);
        var progress = stdout.ToString();
        Assert.Contains("caption: skipped (no provider configured)", progress, StringComparison.Ordinal);
        Assert.Contains("transcribe: skipped (no provider configured)", progress, StringComparison.Ordinal);
        Assert.Contains("synthesize: skipped (no provider configured)", progress, StringComparison.Ordinal);
        Assert.DoesNotContain("none captioned", progress, StringComparison.Ordinal);
        Assert.Contains("no model provider is configured", Assert.Single(stderr.ToString().Trim().Split('\n'), l => l.StartsWith("cuboid:", StringComparison.Ordinal)), StringComparison.Ordinal);
        var report = ReportJson.Deserialize(await File.ReadAllTextAsync(Path.Combine(Out, "report.json")));
        Assert.Equal("offline", report.Mode);
        Assert.Equal(5, report.Samples.Count);
        Assert.NotEmpty(report.SpeechActivity);
        Assert.NotEmpty(report.MotionProfile);
        Assert.Empty(_world.Simulator.Calls);
    }

    [Theory]
    [InlineData("")]
    [InlineData("--max-frames 2")]
    public async Task A_still_picture_is_captioned_once_and_the_near_duplicates_are_counted(string extra)
    {
        var still = await VideoBuilder.BuildAsync(new VideoRecipe { Seconds = 21, Source = "color=c=0x336699", Audio = false });
        var console = CliConsole.Capture(out var stdout, out _);

        var code = await CuboidApp.RunAsync(["analyze", still, "--config", _world.ConfigPath, "--cache", _world.CacheDirectory, "--out", Out, "--json", .. extra.Split(' ', StringSplitOptions.RemoveEmptyEntries)], console);

        // Near-duplicates are dropped before --max-frames spreads what is left.
        Assert.Equal(0, code);
        var report = ReportJson.Deserialize(stdout.ToString());
        Assert.Equal([0d], report.Samples.Select(s => s.Time));
        Assert.Equal(4, report.Duplicates.Skipped);
        Assert.True(report.Duplicates.DollarsSaved > 0);
        Assert.Single(_world.Captions);
        Assert.Single(Directory.GetFiles(Path.Combine(Out, "frames")));
        Assert.Empty(_world.Transcriptions);
    }

    [Fact]
    public async Task Corrupt_frames_are_a_warning_on_stderr_and_in_the_report()
    {
        var corrupt = await VideoBuilder.BuildAsync(new VideoRecipe { Defect = VideoDefect.CorruptMiddle, Seconds = 4, Audio = false });
        var console = CliConsole.Capture(out _, out var stderr);

        var code = await CuboidApp.RunAsync(["analyze", corrupt, "--offline", "--cache", _world.CacheDirectory, "--out", Out, "--format", "json"], console);

        Assert.Equal(0, code);
        Assert.StartsWith("cuboid: warning: The video has ", stderr.ToString(), StringComparison.Ordinal);
        var report = ReportJson.Deserialize(await File.ReadAllTextAsync(Path.Combine(Out, "report.json")));
        Assert.Contains(report.Warnings, w => w.Contains("decode error(s)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_truncated_file_is_reported_as_truncated_and_covered_only_as_far_as_it_decodes()
    {
        var truncated = await VideoBuilder.BuildAsync(new VideoRecipe { Seconds = 12, Gop = 25, FastStart = true, CutToFraction = 0.4 });
        var console = CliConsole.Capture(out _, out var stderr);

        var code = await CuboidApp.RunAsync(["analyze", truncated, "--offline", "--cache", _world.CacheDirectory, "--out", Out, "--format", "json,vtt"], console);

        Assert.Equal(0, code);
        Assert.StartsWith($"cuboid: warning: {Path.GetFileName(truncated)} is truncated: only its first ", stderr.ToString(), StringComparison.Ordinal);
        var json = await File.ReadAllTextAsync(Path.Combine(Out, "report.json"));
        var report = ReportJson.Deserialize(json);
        var facts = Assert.IsType<TruncationFacts>(report.Truncated);
        Assert.InRange(facts.DecodableSeconds, 1, 11);
        Assert.Equal(12, facts.ExpectedSeconds, 1);
        Assert.Contains("is truncated", report.Warnings[0], StringComparison.Ordinal);
        Assert.Equal(facts.DecodableSeconds, report.Scenes[^1].End);
        Assert.All(report.Samples, s => Assert.True(s.Time < facts.DecodableSeconds));
        var cues = WebVttParser.Parse(await File.ReadAllTextAsync(Path.Combine(Out, "chapters.vtt")));
        Assert.True(cues[^1].End <= facts.DecodableSeconds + 0.001);
    }

    [Fact]
    public async Task A_dry_run_of_a_truncated_file_prices_only_what_decodes_and_warns()
    {
        var truncated = await VideoBuilder.BuildAsync(new VideoRecipe { Seconds = 12, Gop = 25, FastStart = true, CutToFraction = 0.4 });
        var console = CliConsole.Capture(out var stdout, out var stderr);

        var code = await CuboidApp.RunAsync(["analyze", truncated, "--config", _world.ConfigPath, "--no-cache", "--dry-run", "--json"], console);

        Assert.Equal(0, code);
        Assert.Contains("is truncated: only its first ", stderr.ToString(), StringComparison.Ordinal);
        using var plan = System.Text.Json.JsonDocument.Parse(stdout.ToString());
        var decodable = plan.RootElement.GetProperty("truncated").GetProperty("decodableSeconds").GetDouble();
        Assert.InRange(decodable, 1, 11);
        Assert.Equal(decodable / 60, plan.RootElement.GetProperty("audioMinutes").GetDouble(), 6);
    }

    [Fact]
    public async Task A_whole_files_report_says_truncated_null()
    {
        var code = await CuboidApp.RunAsync(["analyze", _video, "--offline", "--cache", _world.CacheDirectory, "--out", Out, "--format", "json"], CliConsole.Capture(out _, out _));

        Assert.Equal(0, code);
        var json = await File.ReadAllTextAsync(Path.Combine(Out, "report.json"));
        Assert.Contains("\"truncated\": null", json, StringComparison.Ordinal);
        Assert.Null(ReportJson.Deserialize(json).Truncated);
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("text")]
    [InlineData("directory")]
    public async Task Bad_inputs_exit_3_with_one_line_and_leave_no_output(string kind)
    {
        var input = kind switch
        {
            "missing" => Path.Combine(_world.Folder, "nope.mp4"),
            "text" => Path.Combine(_world.Folder, "notes.mp4"),
            _ => Directory.CreateDirectory(Path.Combine(_world.Folder, "folder.mp4")).FullName,
        };
        if (kind == "text")
        {
            await File.WriteAllTextAsync(input, "this is not a video");
        }

        var console = CliConsole.Capture(out _, out var stderr);
        var code = await CuboidApp.RunAsync(["analyze", input, "--config", _world.ConfigPath, "--cache", _world.CacheDirectory], console);

        Assert.Equal(ExitCodes.Input, code);
        Assert.Single(stderr.ToString().Trim().Split('\n'));
        Assert.False(Directory.Exists(input.TrimEnd('/') + ".cuboid"));
        Assert.Empty(Directory.GetDirectories(_world.Folder, "*.partial-*", SearchOption.AllDirectories));
        Assert.Empty(_world.Simulator.Calls);
    }

    [Fact]
    public async Task A_catalog_overlay_prices_and_rates_the_plans_models()
    {
        var overlay = Path.Combine(_world.Folder, "overlay.json");
        await File.WriteAllTextAsync(overlay, """
            { "models": [ { "id": "openai:house-captioner", "tasks": ["caption"], "input": ["text", "image"],
                "prices": { "inputPerMTok": 0.01, "outputPerMTok": 0.02 } } ] }
            """);

        var (code, stdout, _) = await RunAsync("--dry-run", "--json", "--catalog", overlay, "--captioner", "openai:house-captioner");

        Assert.Equal(0, code);
        using var plan = System.Text.Json.JsonDocument.Parse(stdout);
        var caption = plan.RootElement.GetProperty("stages")[0];
        Assert.Equal("openai:house-captioner", caption.GetProperty("model").GetString());
        Assert.True(caption.GetProperty("priceKnown").GetBoolean());
    }

    [Fact]
    public async Task A_missing_catalog_overlay_is_an_input_error()
    {
        var (code, _, stderr) = await RunAsync("--dry-run", "--catalog", Path.Combine(_world.Folder, "nope.json"));

        Assert.Equal(ExitCodes.Input, code);
        Assert.StartsWith("cuboid: catalog file not found", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--every", "0s")]
    [InlineData("--concurrency", "0")]
    [InlineData("--format", "pdf")]
    [InlineData("--policy", "fastest")]
    [InlineData("--budget", "-1")]
    [InlineData("--transcriber", "anthropic:claude-haiku-4-5")]
    public async Task Bad_options_exit_2(string option, string value)
    {
        var (code, _, stderr) = await RunAsync(option, value);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.False(Directory.Exists(Out));
    }

    private static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
