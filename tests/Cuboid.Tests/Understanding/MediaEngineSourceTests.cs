using Cuboid.Testing.Video;
using Cuboid.Understanding;
using Cuboid.Understanding.Reports;

namespace Cuboid.Tests.Understanding;

/// <summary>The media engine behind the analysis, on the bundled demo talk (real ffmpeg).</summary>
public sealed class MediaEngineSourceTests
{
    [Fact]
    public async Task A_plan_of_the_demo_finds_its_shots_exports_nothing_and_reports_clean_times()
    {
        var outcome = new PassOutcome();
        var frames = new List<PlannedFrame>();

        await foreach (var frame in MediaEngineSource.Instance.SampleAsync(SampleFiles.DemoVideo, new SamplingSettings(5, DetectScenes: true), null, outcome, null, CancellationToken.None))
        {
            frames.Add(frame);
        }

        // samples/demo.segments.json: hard cuts at these seconds, then a fade whose first frame after black is at 77.04 s.
        double[] shots = [0, 6, 17, 23, 33, 39, 52, 58, 65];
        var starts = outcome.Scenes.Select(s => s.Start).ToList();
        Assert.Equal(shots.Length + 1, starts.Count);
        Assert.All(shots.Zip(starts), p => Assert.InRange(p.Second, p.First - 0.04, p.First + 0.04));
        Assert.Equal("fade", outcome.Scenes[^1].StartKind);
        Assert.InRange(outcome.Scenes[^1].Start, 76.0, 78.0);
        Assert.All(outcome.Scenes, s => Assert.Equal((Math.Round(s.Start, 6), Math.Round(s.End, 6)), (s.Start, s.End)));
        Assert.All(frames, f => Assert.Equal(string.Empty, f.FramePath));
        Assert.Contains(frames, f => f.Reason == SampleReasons.Cut);
    }
}
