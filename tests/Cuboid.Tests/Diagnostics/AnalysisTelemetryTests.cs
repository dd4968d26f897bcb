using Cuboid.Diagnostics;
using Cuboid.Testing.Video;
using Cuboid.Tests.Understanding;
using Cuboid.Understanding;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Cuboid.Tests.Diagnostics;

/// <summary>A real small analysis (ffmpeg on an encoded video, every model the loopback simulator) seen through its spans, stage metrics and logs.</summary>
public sealed class AnalysisTelemetryTests : IAsyncLifetime
{
    private static readonly VideoRecipe Talk = new()
    {
        Seconds = 12,
        Width = 320,
        Height = 180,
        Tones = [new ToneSegment(5, 440), ToneSegment.Silence(2), new ToneSegment(5, 660)],
    };

    private SimulatedProviders _world = null!;
    private string _video = null!;

    public async Task InitializeAsync()
    {
        _world = await SimulatedProviders.StartAsync();
        _video = Path.Combine(_world.Folder, "talk.mp4");
        File.Copy(await VideoBuilder.BuildAsync(Talk), _video);
    }

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task Every_stage_of_a_run_is_one_span_under_the_analysis_with_its_duration_measured_and_logged()
    {
        using var spans = new SpanRecorder();
        using var stages = new MetricCollector<double>(null, CuboidDiagnostics.Name, CuboidMetrics.StageDurationName);
        var collector = new FakeLogCollector();
        using var logging = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(new FakeLoggerProvider(collector)));
        var options = _world.Options(_video, MediaEngineSource.Instance, MediaEngineSource.Instance, Path.Combine(_world.Folder, "out")) with { LoggerFactory = logging };

        var outcome = await AnalysisSession.RunAsync(options);

        Assert.Equal("full", outcome.Report.Mode);
        var analysis = Assert.Single(spans.Named("analyze"));
        string[] names = ["probe", "decode", "caption", "transcribe", "synthesize", "report"];
        foreach (var name in names)
        {
            var stage = Assert.Single(spans.Named($"analyze {name}"));
            Assert.Equal(analysis.SpanId, stage.ParentSpanId);
            Assert.Equal(name, stage.GetTagItem(TelemetryTags.Stage));
            Assert.Equal("ok", stage.GetTagItem(TelemetryTags.Outcome));
        }

        // The models' calls sit under the stage that made them.
        var caption = spans.Named("analyze caption")[0];
        var captionRoutes = spans.Named("route caption");
        Assert.Equal(outcome.Report.Samples.Count, captionRoutes.Count);
        Assert.All(captionRoutes, r => Assert.True(IsUnder(r, caption, spans.Spans), "a caption call outside the caption stage"));
        Assert.All(spans.Named("route transcribe"), r => Assert.True(IsUnder(r, spans.Named("analyze transcribe")[0], spans.Spans)));
        Assert.All(spans.Named("route reason"), r => Assert.True(IsUnder(r, spans.Named("analyze synthesize")[0], spans.Spans)));

        // Stage durations cannot be told apart from other runs by tag, so only their presence is asserted.
        var measured = stages.GetMeasurementSnapshot().Select(m => m.Tags[TelemetryTags.Stage] as string).ToHashSet();
        Assert.Superset(names.ToHashSet(), measured!);

        var logged = collector.GetSnapshot().Where(r => r.Category == typeof(VideoAnalyzer).FullName).ToList();
        Assert.All(names, name => Assert.Contains(logged, r => r.Id.Id == 1201 && r.Message.StartsWith($"Stage {name} ended (ok)", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_second_run_logs_its_cache_hits()
    {
        var collector = new FakeLogCollector();
        using var logging = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(new FakeLoggerProvider(collector)));
        var options = _world.Options(_video, MediaEngineSource.Instance, MediaEngineSource.Instance, Path.Combine(_world.Folder, "out")) with { LoggerFactory = logging };

        await AnalysisSession.RunAsync(options);
        Assert.DoesNotContain(collector.GetSnapshot(), r => r.Id.Id == 1202);
        var second = await AnalysisSession.RunAsync(options);

        var hits = collector.GetSnapshot().Where(r => r.Id.Id == 1202).Select(r => r.Message).ToList();
        Assert.Contains($"Cache: {second.Report.Samples.Count} of {second.Report.Samples.Count} caption results came from the cache", hits);
        Assert.Contains(hits, h => h.Contains("transcribe results came from the cache", StringComparison.Ordinal));
        Assert.Contains(hits, h => h.Contains("synthesize results came from the cache", StringComparison.Ordinal));
    }

    private static bool IsUnder(System.Diagnostics.Activity span, System.Diagnostics.Activity ancestor, IReadOnlyList<System.Diagnostics.Activity> all)
    {
        var byId = all.ToDictionary(s => s.SpanId);
        for (var current = span; current is not null; current = byId.GetValueOrDefault(current.ParentSpanId))
        {
            if (current.SpanId == ancestor.SpanId)
            {
                return true;
            }
        }

        return false;
    }
}
