using Cuboid.Portfolio;
using Cuboid.Testing.Simulators;
using Cuboid.Understanding;
using Cuboid.Understanding.Reports;

namespace Cuboid.Tests.Understanding;

/// <summary>The whole pipeline against the provider simulator as every model, with a media double (no decoding).</summary>
public sealed class VideoAnalyzerTests : IAsyncLifetime
{
    private SimulatedProviders _world = null!;
    private string _video = null!;

    public async Task InitializeAsync()
    {
        _world = await SimulatedProviders.StartAsync();
        _video = Path.Combine(_world.Folder, "talk.mp4");
        await File.WriteAllTextAsync(_video, "not decoded by the double");
    }

    public async Task DisposeAsync() => await _world.DisposeAsync();

    private string Out => Path.Combine(_world.Folder, "out");

    [Fact]
    public async Task The_captioner_gets_exactly_the_planned_frames_and_the_reasoner_a_time_ordered_timeline()
    {
        var media = new FakeMedia();

        var outcome = await AnalysisSession.RunAsync(_world.Options(_video, media, media, Out));

        Assert.Null(outcome.Failure);
        var planned = media.Plan.Select(p => SimulatedProviders.Hash(FakeMedia.FrameBytes(p.Time))).Order().ToList();
        Assert.Equal(planned, _world.Captions.Select(c => SimulatedProviders.Hash(c.Images[0].Data!)).Order().ToList());
        Assert.Equal(media.Plan.Select(p => p.Time), outcome.Report.Samples.Select(s => s.Time));
        Assert.All(outcome.Report.Samples, s => Assert.Equal($"Frame {Timecode.Clock(s.Time)}: a slide with the text \"{SimulatedProviders.Hash(FakeMedia.FrameBytes(s.Time))}\".", s.Caption));
        Assert.All(outcome.Report.Samples, s => Assert.Equal("openai:gpt-4.1-mini", s.Model));

        var timeline = Assert.Single(_world.Reasoning).LastUserText;
        var lines = timeline.Split('\n').Where(l => l.StartsWith('[')).ToList();
        Assert.Equal(media.Plan.Count + 2, lines.Count);
        Assert.Contains("[00:00] speech: Hello and welcome.", lines);
        Assert.Contains("[00:12] speech: Now the second part.", lines);
        Assert.Contains("[00:12] frame: Frame 00:12:", timeline, StringComparison.Ordinal);
        var times = lines.Select(l => Timecode.TryParse(l[1..l.IndexOf(']', StringComparison.Ordinal)])!.Value).ToList();
        Assert.Equal(times.Order(), times);

        Assert.Equal([new TranscriptSegment(0.5, 3.25, "Hello and welcome."), new TranscriptSegment(12.5, 15, "Now the second part.")], outcome.Report.Transcript);
        Assert.Equal("full", outcome.Report.Mode);
        Assert.Equal(["Welcome", "Second part"], outcome.Report.Chapters.Select(c => c.Title));
    }

    [Fact]
    public async Task The_users_focus_and_language_reach_the_captioner_the_reasoner_and_the_transcriber()
    {
        var media = new FakeMedia();
        var options = _world.Options(_video, media, media, Out);

        await AnalysisSession.RunAsync(options with { Request = options.Request with { Focus = "the prices on the charts", Language = "en" } });

        Assert.All(_world.Captions, c => Assert.Contains("the prices on the charts", c.LastUserText, StringComparison.Ordinal));
        Assert.Contains("the prices on the charts", Assert.Single(_world.Reasoning).Messages[0].Text, StringComparison.Ordinal);
        Assert.Equal("en", Assert.Single(_world.Transcriptions).Language);
    }

    [Fact]
    public async Task Outputs_parse_validate_and_usage_equals_the_ledger()
    {
        var media = new FakeMedia();

        var outcome = await AnalysisSession.RunAsync(_world.Options(_video, media, media, Out));

        Assert.Equal(Path.GetFullPath(Out), outcome.OutputDirectory);
        var report = ReportJson.Deserialize(await File.ReadAllTextAsync(Path.Combine(Out, "report.json")));
        Assert.Equal(AnalysisReport.CurrentSchemaVersion, report.SchemaVersion);
        Assert.Equal(outcome.Report.Samples, report.Samples);
        Assert.All(report.Samples, s => Assert.True(File.Exists(Path.Combine(Out, s.Frame))));
        var cues = WebVttParser.Parse(await File.ReadAllTextAsync(Path.Combine(Out, "chapters.vtt")));
        Assert.Equal(report.Chapters.Select(c => c.Title), cues.Select(c => c.Text));
        Assert.Equal(40, cues[^1].End, 3);
        Assert.Contains("## Summary", await File.ReadAllTextAsync(Path.Combine(Out, "report.md")), StringComparison.Ordinal);
        Assert.Contains("<video", await File.ReadAllTextAsync(Path.Combine(Out, "report.html")), StringComparison.Ordinal);
        Assert.Empty(Directory.GetDirectories(_world.Folder, ".out.partial-*"));

        // Report totals are the ledger's, and the ledger's are the simulator's own counts.
        var calls = _world.Simulator.Calls;
        var caption = report.Usage.Stages.Single(s => s.Stage == "caption");
        Assert.Equal(media.Plan.Count, caption.Calls);
        Assert.Equal(calls.Where(c => c.Request.Images.Count > 0).Sum(c => c.Usage!.InputTokens), caption.InputTokens);
        Assert.Equal(calls.Where(c => c.Request.Images.Count > 0).Sum(c => c.Usage!.OutputTokens), caption.OutputTokens);
        Assert.Equal(1, report.Usage.Stages.Single(s => s.Stage == "transcribe").Calls);
        Assert.Equal(40, report.Usage.Stages.Single(s => s.Stage == "transcribe").AudioSeconds, 1);
        Assert.Equal(report.Usage.Stages.Sum(s => s.Dollars), report.Usage.Total.Dollars);
        Assert.True(report.Usage.Total.Dollars > 0);
        Assert.Equal(5, report.NativeVideoComparison.Count);

        // Each stage names the model that answered it, as the ledger saw it.
        Assert.Equal(["openai:gpt-4.1-mini"], caption.Models);
        Assert.All(report.Usage.Stages, s => Assert.Equal(_world.Simulator.Calls.Count > 0, s.Models is { Count: > 0 }));
        Assert.Null(report.About);
    }

    [Fact]
    public async Task A_captioner_that_starts_failing_falls_over_without_losing_finished_captions()
    {
        var media = new FakeMedia();
        _world.Simulator.Script("gpt-4.1-mini", Fault.Ok, Fault.Ok, Fault.Ok).ScriptAlways("gpt-4.1-mini", Fault.ServerError(503));
        var options = _world.Options(_video, media, media, Out);

        var outcome = await AnalysisSession.RunAsync(options with { Request = options.Request with { Concurrency = 1 } });

        Assert.Null(outcome.Failure);
        Assert.All(outcome.Report.Samples, s => Assert.NotNull(s.Caption));
        var models = outcome.Report.Samples.Select(s => s.Model).ToList();
        Assert.Equal(["openai:gpt-4.1-mini", "openai:gpt-4.1-mini", "openai:gpt-4.1-mini"], models.Take(3));
        Assert.All(models.Skip(3), m => Assert.NotEqual("openai:gpt-4.1-mini", m));

        // The report names the primary and the fallback that answered after it.
        var stage = outcome.Report.Usage.Stages.Single(s => s.Stage == "caption");
        Assert.Equal(models.Distinct().OrderByDescending(m => models.Count(x => x == m)), stage.Models);
        Assert.StartsWith(stage.Models![0] + ", then fallback ", StageLabels.Models(stage), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_interrupted_run_resumes_from_the_cache_without_repeating_a_paid_call()
    {
        var media = new FakeMedia();
        using var cancel = new CancellationTokenSource();
        var options = _world.Options(_video, media, media, Out);
        options = options with { Request = options.Request with { Concurrency = 1 } };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => AnalysisSession.RunAsync(
            options,
            p =>
            {
                if (p.Stage == "caption" && p.Done >= 3)
                {
                    cancel.Cancel();
                }
            },
            cancel.Token));
        Assert.False(Directory.Exists(Out));
        var firstRun = _world.Captions.Select(c => SimulatedProviders.Hash(c.Images[0].Data!)).ToList();
        Assert.InRange(firstRun.Count, 3, 4);
        _world.Simulator.ClearLog();

        var resumed = await AnalysisSession.RunAsync(options);

        // The three captions finished before the interruption are not paid for again; every frame ends up captioned once.
        var secondRun = _world.Captions.Select(c => SimulatedProviders.Hash(c.Images[0].Data!)).ToList();
        Assert.Empty(firstRun.Take(3).Intersect(secondRun));
        Assert.Equal(media.Plan.Count - 3, secondRun.Count);
        Assert.Equal(3, resumed.Report.Samples.Count(s => s.FromCache));
        Assert.All(resumed.Report.Samples, s => Assert.NotNull(s.Caption));
        Assert.Equal(media.Plan.Count - 3, resumed.Report.Usage.Stages.Single(s => s.Stage == "caption").Calls);

        // Re-running the finished analysis pays for nothing at all.
        _world.Simulator.ClearLog();
        var third = await AnalysisSession.RunAsync(options);
        Assert.Empty(_world.Simulator.Calls);
        Assert.Equal(0, third.Report.Usage.Total.Calls);
        Assert.Equal(resumed.Report.Chapters, third.Report.Chapters);
        Assert.Equal(0, third.Report.Usage.Stages.Single(s => s.Stage == "caption").Calls);
        Assert.Equal(resumed.Report.Samples.Select(s => s.Caption), third.Report.Samples.Select(s => s.Caption));

        // ...and says so: from the cache, $0 this run, beside what the run that paid for it cost.
        var usage = third.Report.Usage;
        Assert.True(usage.AllFromCache);
        Assert.Equal(media.Plan.Count, usage.Stages.Single(s => s.Stage == "caption").CacheHits);
        Assert.Equal(1, usage.Stages.Single(s => s.Stage == "reason").CacheHits);
        Assert.Equal(["openai:gpt-4.1-mini"], usage.Stages.Single(s => s.Stage == "caption").Models);
        Assert.Equal(resumed.Report.Usage.Total.Dollars, usage.OriginalRun?.Dollars);
        Assert.All(usage.Stages, s => Assert.Equal("from cache, $0 this run", StageLabels.Cost(s)));
        var markdown = await File.ReadAllTextAsync(Path.Combine(Out, "report.md"));
        Assert.Contains($"| Captions | openai:gpt-4.1-mini | 0 | 0 | 0 | — | from cache, $0 this run |", markdown, StringComparison.Ordinal);
        Assert.Contains($"cost {Cuboid.Formatting.DisplayFormat.Dollars(resumed.Report.Usage.Total.Dollars)}.", markdown, StringComparison.Ordinal);
        Assert.Contains("from cache, $0 this run", await File.ReadAllTextAsync(Path.Combine(Out, "report.html")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_budget_stop_leaves_a_valid_partial_report_and_a_budget_failure()
    {
        var media = new FakeMedia(hasAudio: false);
        var options = _world.Options(_video, media, media, Out, budget: 0.00025m);

        var outcome = await AnalysisSession.RunAsync(options with { Request = options.Request with { Concurrency = 1 } });

        Assert.Equal(ErrorKind.Budget, outcome.Failure?.Kind);
        var report = ReportJson.Deserialize(await File.ReadAllTextAsync(Path.Combine(Out, "report.json")));
        Assert.Equal("partial", report.Mode);
        Assert.Equal(media.Plan.Count, report.Samples.Count);
        Assert.Contains(report.Samples, s => s.Caption is null);
        Assert.True(report.Usage.Total.Dollars <= 0.00025m);
        Assert.Equal(["Scene 1", "Scene 2"], WebVttParser.Parse(await File.ReadAllTextAsync(Path.Combine(Out, "chapters.vtt"))).Select(c => c.Text));
        Assert.NotEmpty(report.Warnings);
    }

    [Fact]
    public async Task Without_a_provider_the_structural_report_is_written_and_no_call_is_made()
    {
        var media = new FakeMedia();
        var options = _world.Options(_video, media, media, Out) with { ConfigPath = null, Environment = new EmptyEnvironment(_world.Folder) };

        var outcome = await AnalysisSession.RunAsync(options);

        Assert.True(outcome.NoProviderConfigured);
        Assert.Null(outcome.Failure);
        Assert.Equal("offline", outcome.Report.Mode);
        Assert.Equal(media.Plan.Count, outcome.Report.Samples.Count);
        Assert.Equal(2, outcome.Report.Scenes.Count);
        Assert.NotEmpty(outcome.Report.MotionProfile);
        Assert.Equal(media.Speech, outcome.Report.SpeechActivity);
        Assert.Empty(_world.Simulator.Calls);
        Assert.Contains("Scene 2", await File.ReadAllTextAsync(Path.Combine(Out, "report.html")), StringComparison.Ordinal);

        // The structure offline: scenes and speech activity in report.md, the scenes as chapters in chapters.vtt.
        var markdown = await File.ReadAllTextAsync(Path.Combine(Out, "report.md"));
        Assert.Contains("## Scenes", markdown, StringComparison.Ordinal);
        Assert.Contains("| 2 | 00:12 |", markdown, StringComparison.Ordinal);
        Assert.Contains("## Speech activity", markdown, StringComparison.Ordinal);
        Assert.Contains("- 00:12–00:30", markdown, StringComparison.Ordinal);
        Assert.Equal(["Scene 1", "Scene 2"], WebVttParser.Parse(await File.ReadAllTextAsync(Path.Combine(Out, "chapters.vtt"))).Select(c => c.Text));

        // It explains itself: what it is and how to add a provider, in every format; no column of dashes, no $0 table.
        Assert.Contains("structural report", outcome.Report.About, StringComparison.Ordinal);
        Assert.Contains("OPENAI_API_KEY", outcome.Report.About, StringComparison.Ordinal);
        Assert.Contains("\"about\": \"This is the structural report", await File.ReadAllTextAsync(Path.Combine(Out, "report.json")), StringComparison.Ordinal);
        Assert.Contains("> This is the structural report", markdown, StringComparison.Ordinal);
        Assert.Contains("| Time | Why | Frame |\n", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("—", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("| Stage | Model |", markdown, StringComparison.Ordinal);
        Assert.Contains("This is the structural report", await File.ReadAllTextAsync(Path.Combine(Out, "report.html")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dry_run_prices_every_stage_and_calls_no_model()
    {
        var media = new FakeMedia();

        var plan = await AnalysisSession.PlanAsync(_world.Options(_video, media, media, Out));

        Assert.Equal(media.Plan.Count, plan.Kept);
        Assert.Equal(1, plan.SamplesByReason[SampleReasons.Cut]);
        Assert.Equal(["openai:gpt-4.1-mini", "openai:whisper-1", "openai:gpt-4.1-mini"], plan.Stages.Select(s => s.Model));
        Assert.All(plan.Stages, s => Assert.True(s.Dollars > 0));
        Assert.Equal(40 / 60.0, plan.AudioMinutes, 6);
        Assert.Empty(_world.Simulator.Calls);
        Assert.False(Directory.Exists(Out));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(RoutingPolicy.Cost)]
    [InlineData(RoutingPolicy.Quality)]
    public async Task The_dry_run_names_the_models_the_real_run_calls(RoutingPolicy? policy)
    {
        var media = new FakeMedia();
        var config = Path.Combine(_world.Folder, "unpinned.json");
        await File.WriteAllTextAsync(config, $$"""
            { "providers": { "openai": { "baseUrl": "{{_world.Simulator.Endpoint("openai").BaseUri}}", "keyEnv": "{{SimulatedProviders.KeyVariable}}" } } }
            """);
        var options = _world.Options(_video, media, media, Out) with { ConfigPath = config, Models = new AnalysisModelChoices(Policy: policy) };

        var plan = await AnalysisSession.PlanAsync(options);
        await AnalysisSession.RunAsync(options);

        Assert.Equal(plan.Stages.Single(s => s.Stage == AnalysisTasks.Caption).Model, $"openai:{_world.Captions[0].Model}");
        Assert.Equal(plan.Stages.Single(s => s.Stage == AnalysisTasks.Transcribe).Model, $"openai:{_world.Transcriptions[0].Model}");
        Assert.Equal(plan.Stages.Single(s => s.Stage == AnalysisTasks.Reason).Model, $"openai:{_world.Reasoning[0].Model}");
    }

    [Fact]
    public async Task Without_any_key_a_dry_run_prices_the_shipped_defaults_marked_not_configured()
    {
        var media = new FakeMedia();
        var config = Path.Combine(_world.Folder, "empty.json");
        await File.WriteAllTextAsync(config, "{}");
        var options = _world.Options(_video, media, media, Out) with { ConfigPath = config, Environment = new NoKeys(_world.Folder) };

        var plan = await AnalysisSession.PlanAsync(options);

        Assert.All(plan.Stages, s =>
        {
            Assert.NotNull(s.Model);
            Assert.False(s.Configured);
            Assert.True(s.Dollars > 0, s.Stage);
            Assert.Contains("OPENAI_API_KEY", s.EnabledBy!);
        });

        // Nothing can run without a key, so nothing is in the total: the prices are for comparison.
        Assert.Equal(0m, plan.TotalDollars);
        Assert.Null(plan.Budget);
        Assert.Empty(_world.Simulator.Calls);
    }

    [Fact]
    public async Task A_pinned_model_the_catalog_does_not_know_is_priced_unknown_not_free()
    {
        var media = new FakeMedia();
        var options = _world.Options(_video, media, media, Out) with { Models = new AnalysisModelChoices(Reasoner: "openai:nonexistent-9") };

        var plan = await AnalysisSession.PlanAsync(options);

        var reason = plan.Stages.Single(s => s.Stage == AnalysisTasks.Reason);
        Assert.Equal("openai:nonexistent-9", reason.Model);
        Assert.False(reason.PriceKnown);
        Assert.True(plan.Stages.Single(s => s.Stage == AnalysisTasks.Caption).PriceKnown);
        Assert.False(plan.PriceKnown);
    }

    [Theory]
    [InlineData("0.000001", true)]
    [InlineData("100", false)]
    public async Task A_dry_run_compares_its_price_with_the_budget(string budget, bool exceeded)
    {
        var media = new FakeMedia();
        var limit = decimal.Parse(budget, System.Globalization.CultureInfo.InvariantCulture);

        var plan = await AnalysisSession.PlanAsync(_world.Options(_video, media, media, Out, budget: limit));

        Assert.Equal(new PlanBudget(limit, exceeded, WorstCaseFits: !exceeded), plan.Budget);
    }

    private sealed class NoKeys(string home, string? ollamaHost = null) : Cuboid.Portfolio.IEnvironmentVariables
    {
        public string? Get(string name) => name switch
        {
            "HOME" => home,
            "OLLAMA_HOST" => ollamaHost,
            _ => null,
        };
    }

    [Fact]
    public async Task With_only_ollama_the_dry_run_total_leaves_out_transcription_and_names_the_variables_that_would_add_it()
    {
        var media = new FakeMedia();
        var config = Path.Combine(_world.Folder, "empty.json");
        await File.WriteAllTextAsync(config, "{}");
        var options = _world.Options(_video, media, media, Out) with { ConfigPath = config, Environment = new NoKeys(_world.Folder, ollamaHost: "127.0.0.1:9") };

        var plan = await AnalysisSession.PlanAsync(options);

        var transcribe = plan.Stages.Single(s => s.Stage == AnalysisTasks.Transcribe);
        Assert.False(transcribe.Configured);
        Assert.True(transcribe.Dollars > 0);
        Assert.Equal(["OPENAI_API_KEY", "GEMINI_API_KEY", "GROQ_API_KEY"], transcribe.EnabledBy);
        Assert.Equal([transcribe], plan.Missing);
        Assert.All(plan.Stages.Where(s => s != transcribe), s => Assert.StartsWith("ollama:", s.Model, StringComparison.Ordinal));

        // Local models cost nothing and transcription cannot run: the run costs $0, and so does the plan.
        Assert.Equal(0m, plan.TotalDollars);
        Assert.Empty(_world.Simulator.Calls);
    }

    [Fact]
    public async Task Gemini_alone_captions_transcribes_with_timestamps_and_summarises()
    {
        var media = new FakeMedia();
        var config = Path.Combine(_world.Folder, "gemini.json");
        await File.WriteAllTextAsync(config, $$"""
            {
              "providers": { "gemini": { "baseUrl": "{{_world.Simulator.Endpoint("gemini").BaseUri}}", "keyEnv": "{{SimulatedProviders.KeyVariable}}" } },
              "resilience": { "maxAttempts": 2, "baseDelaySeconds": 0.01, "maxDelaySeconds": 0.05, "callTimeoutSeconds": 20 }
            }
            """);
        var options = _world.Options(_video, media, media, Out) with { ConfigPath = config };

        var plan = await AnalysisSession.PlanAsync(options);
        var outcome = await AnalysisSession.RunAsync(options);

        Assert.All(plan.Stages, s => Assert.True(s.Configured && s.Model!.StartsWith("gemini:", StringComparison.Ordinal) && s.Dollars > 0, s.Stage));
        Assert.Equal(plan.Stages.Sum(s => s.Dollars), plan.TotalDollars);
        Assert.Null(outcome.Failure);
        Assert.Empty(outcome.Report.Warnings);
        Assert.All(_world.Simulator.Requests, r => Assert.StartsWith("gemini-", r.Model, StringComparison.Ordinal));
        Assert.All(_world.Transcriptions, r => Assert.Equal(SimulatedProtocol.OpenAIChat, r.Protocol));
        Assert.Equal([new TranscriptSegment(0.5, 3.25, "Hello and welcome."), new TranscriptSegment(12.5, 15, "Now the second part.")], outcome.Report.Transcript);
        var transcribed = outcome.Report.Usage.Stages.Single(s => s.Stage == AnalysisTasks.Transcribe);
        Assert.True(transcribed.Calls > 0 && transcribed.Dollars > 0);
        Assert.Equal(["Welcome", "Second part"], outcome.Report.Chapters.Select(c => c.Title));
    }

    [Fact]
    public async Task A_reasoner_that_answers_prose_twice_hands_the_summary_to_the_next_one()
    {
        var media = new FakeMedia();
        _world.Simulator.Respond(r => r.Model == "gpt-4.1-mini" && r.Images.Count == 0 && r.Audio is null
            ? "Here is what happens in the video: a greeting, then a second part."
            : SimulatedProviders.Answer(r));

        var outcome = await AnalysisSession.RunAsync(_world.Options(_video, media, media, Out));

        Assert.Null(outcome.Failure);
        Assert.Equal("full", outcome.Report.Mode);
        Assert.Equal(["Welcome", "Second part"], outcome.Report.Chapters.Select(c => c.Title));
        Assert.Equal(["gpt-4.1-mini", "gpt-4.1-mini"], _world.Reasoning.Take(2).Select(r => r.Model));
        Assert.NotEqual("gpt-4.1-mini", _world.Reasoning[2].Model);
        Assert.Equal(3, outcome.Report.Usage.Stages.Single(s => s.Stage == AnalysisTasks.Reason).Calls);
    }

    [Fact]
    public async Task A_damaged_audio_track_costs_the_transcript_only()
    {
        var media = new FakeMedia { AudioFails = true };

        var outcome = await AnalysisSession.RunAsync(_world.Options(_video, media, media, Out));

        Assert.Null(outcome.Failure);
        Assert.Empty(outcome.Report.Transcript);
        Assert.All(outcome.Report.Samples, s => Assert.NotNull(s.Caption));
        Assert.NotNull(outcome.Report.Summary);
        Assert.Contains(outcome.Report.Warnings, w => w.Contains("audio could not be read", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_missing_video_is_an_input_error_and_leaves_no_output()
    {
        var media = new FakeMedia();

        var ex = await Assert.ThrowsAsync<CuboidException>(() => AnalysisSession.RunAsync(_world.Options(Path.Combine(_world.Folder, "nope.mp4"), media, media, Out)));

        Assert.Equal(ErrorKind.Input, ex.Kind);
        Assert.False(Directory.Exists(Out));
        Assert.Empty(Directory.GetDirectories(_world.Folder, ".out*"));
    }

    private sealed class EmptyEnvironment(string home) : Cuboid.Portfolio.IEnvironmentVariables
    {
        public string? Get(string name) => name == "HOME" ? home : null;
    }
}
