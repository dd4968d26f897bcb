using Cuboid.Testing.Shots;
using Cuboid.Understanding;
using Cuboid.Understanding.Reports;

namespace Cuboid.Tests.Understanding;

/// <summary>The real analysis pass behind the plan: a moving shot, then a hard cut exactly on the 5 s tick to a still slide.</summary>
public class MediaEngineSourceTests
{
    // 0–5 s moving test pattern, then 5–17 s a static slide: the cut's first frame is also an interval tick.
    private static readonly ShotReel CutOnTick = new(160, 90, 25, [new Shot("testsrc2", 125), new Shot("smptebars", 300)]);

    private static AnalyzeRequest Request(string video, int? maxFrames = null) =>
        new() { VideoPath = video, MaxFrames = maxFrames };

    [Fact]
    public async Task A_sample_on_both_a_tick_and_a_cut_is_a_cut_and_the_still_slide_after_it_is_a_near_duplicate()
    {
        var video = await ShotReelBuilder.BuildAsync(CutOnTick);
        var analyzer = new VideoAnalyzer(MediaEngineSource.Instance, MediaEngineSource.Instance);

        var plan = await analyzer.PlanAsync(Request(video), models: null, defaults: null);

        // 10 s and 15 s show the same slide as 5 s and nothing moved after the cut itself.
        Assert.Equal(2, plan.Kept);
        Assert.Equal(2, plan.SkippedDuplicates);
        Assert.Equal(1, plan.SamplesByReason[SampleReasons.Cut]);
        Assert.False(plan.SamplesByReason.ContainsKey(SampleReasons.Interval));
    }

    [Fact]
    public async Task Max_frames_keeps_the_cut_that_falls_on_a_tick()
    {
        var video = await ShotReelBuilder.BuildAsync(CutOnTick with { Shots = [new Shot("testsrc2", 125), new Shot("mandelbrot", 300) { RenderSmall = true }] });
        var analyzer = new VideoAnalyzer(MediaEngineSource.Instance, MediaEngineSource.Instance);

        var plan = await analyzer.PlanAsync(Request(video, maxFrames: 1), models: null, defaults: null);

        // Cuts first: the one frame is the cut at 5 s, not the first frame.
        Assert.Equal(1, plan.Kept);
        Assert.Equal(1, plan.SamplesByReason[SampleReasons.Cut]);
    }
}
