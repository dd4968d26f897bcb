using Cuboid.Testing.Shots;
using Cuboid.Testing.Video;
using Cuboid.Understanding;

namespace Cuboid.Tests.Understanding;

/// <summary>The plan counts exactly what the run captions (real ffmpeg, real media engine, offline).</summary>
public sealed class PlanFidelityTests
{
    [Fact]
    public async Task A_dry_run_plans_the_frames_the_run_keeps()
    {
        var path = await ShotReelBuilder.BuildAsync(PlanFidelityReel.Recipe);
        var analyzer = new VideoAnalyzer(MediaEngineSource.Instance, MediaEngineSource.Instance);
        var request = new AnalyzeRequest { VideoPath = path, OutputDirectory = Path.Combine(VideoBuilder.NewFolder(), "report"), Offline = true };

        var plan = await analyzer.PlanAsync(request, models: null, defaults: null);
        var run = await analyzer.AnalyzeAsync(request, models: null, sink: null);

        var kept = run.Report.Samples;
        Assert.Equal(plan.Kept, kept.Count);
        Assert.Equal(plan.SkippedDuplicates, run.Report.Duplicates.Skipped);
        Assert.Equal(plan.SamplesByReason, kept.GroupBy(s => s.Reason).ToDictionary(g => g.Key, g => g.Count()));
    }
}
