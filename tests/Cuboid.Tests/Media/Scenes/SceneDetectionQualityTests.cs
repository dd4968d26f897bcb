using Cuboid.Media.Analysis;
using Cuboid.Media.Scenes;
using Cuboid.Testing.Shots;
using Xunit.Abstractions;

namespace Cuboid.Tests.Media.Scenes;

[Collection(ShotReelCollection.Name)]
public class SceneDetectionQualityTests(ShotReelFixture reels, ITestOutputHelper output)
{
    [Theory]
    [InlineData(720, SceneDetectorKind.Content)]
    [InlineData(1080, SceneDetectorKind.Content)]
    [InlineData(720, SceneDetectorKind.Adaptive)]
    public async Task Hard_cuts_are_found_at_the_right_frame_with_F1_at_least_0_95(int height, SceneDetectorKind detector)
    {
        var (reel, path) = height == 720 ? (reels.Reel720, reels.Path720) : (reels.Reel1080, reels.Path1080);

        var result = height == 720 && detector == SceneDetectorKind.Content
            ? await reels.Default720
            : await AnalysisPass.RunAsync(path, new AnalysisOptions { Scenes = new SceneDetectionOptions { Detector = detector } });

        var detected = result.Boundaries.Where(b => b.Kind == SceneBoundaryKind.Cut && !b.FromFade).Select(b => b.Frame).ToList();
        var score = CutScore.Of(reel.HardCutFrames, detected);
        output.WriteLine($"{detector} {height}p: {score}");
        output.WriteLine($"detected: {string.Join(", ", result.Boundaries.Select(b => $"{b.Kind}{(b.FromFade ? "(fade)" : "")}@{b.Frame}:{b.Score}"))}");
        Assert.Equal(reel.TotalFrames, result.FrameCount);
        Assert.True(score.F1 >= 0.95, $"F1 below 0.95: {score}");
    }

    [Theory]
    [InlineData(1080, false)] // Non-reference frames only: the default for analyze and drift.
    [InlineData(1080, true)] // Every frame (`cuboid scenes`); on this reel it once took the flash in the rotating shot for a cut.
    [InlineData(720, true)]
    public async Task Skipping_deblocking_finds_the_same_boundaries_as_a_fully_deblocked_decode(int height, bool everyFrame)
    {
        var path = height == 720 ? reels.Path720 : reels.Path1080;
        var skip = everyFrame ? DeblockingSkip.All : DeblockingSkip.NonReference;
        var deblocked = await AnalysisPass.RunAsync(path, new AnalysisOptions { Deblocking = DeblockingSkip.None });

        var skipped = await AnalysisPass.RunAsync(path, new AnalysisOptions { Deblocking = skip });

        string Describe(AnalysisResult result) => string.Join(", ", result.Boundaries.Select(b => $"{b.Kind}{(b.FromFade ? "(fade)" : "")}@{b.Frame}"));
        output.WriteLine($"deblocked: {Describe(deblocked)}");
        output.WriteLine($"skipped:   {Describe(skipped)}");
        Assert.Equal(Describe(deblocked), Describe(skipped));
        Assert.Equal(deblocked.FrameCount, skipped.FrameCount);
        foreach (var (full, fast) in deblocked.Boundaries.Zip(skipped.Boundaries))
        {
            Assert.True(Math.Abs(full.Score - fast.Score) <= Math.Max(0.5, 0.02 * full.Score), $"score at frame {full.Frame}: {full.Score} deblocked, {fast.Score} skipped");
        }
    }

    [Fact]
    public async Task A_fade_through_black_gives_a_fade_out_a_fade_in_and_one_cut_between_them()
    {
        var reel = reels.Reel720;

        var result = await reels.Default720;

        var boundary = Assert.Single(reel.FadeBoundaryFrames);
        var fadeOut = Assert.Single(result.Boundaries, b => b.Kind == SceneBoundaryKind.FadeOut);
        var fadeIn = Assert.Single(result.Boundaries, b => b.Kind == SceneBoundaryKind.FadeIn);
        var cut = Assert.Single(result.Boundaries, b => b.FromFade);
        output.WriteLine($"fade-out {fadeOut.Frame}, fade-in {fadeIn.Frame}, cut {cut.Frame} at {cut.Time:0.000}s; boundary {boundary}");
        Assert.InRange(fadeOut.Frame, boundary - 10, boundary);
        Assert.InRange(fadeIn.Frame, fadeOut.Frame + 1, boundary + 10);
        Assert.InRange(cut.Frame, fadeOut.Frame, fadeIn.Frame);
        Assert.Equal((fadeOut.Time + fadeIn.Time) / 2, cut.Time, 6);
        Assert.Equal(fadeIn.Frame, cut.ShotStartFrame);
        Assert.Equal(SceneBoundaryKind.Cut, cut.Kind);
    }

    [Fact]
    public async Task Flashes_and_fast_motion_inside_a_shot_are_not_cuts()
    {
        var reel = reels.Reel720;
        var result = await reels.Default720;

        // Flash frames and the scrolling / rotating shots: no cut may fall strictly inside those shots.
        var start = 0;
        foreach (var shot in reel.Shots)
        {
            var inside = result.Cuts.Where(c => c.Frame > start + 1 && c.Frame < start + shot.Frames - 1).ToList();
            Assert.True(inside.Count == 0, $"cut inside shot '{shot.Source}' (frames {start}-{start + shot.Frames - 1}): {string.Join(", ", inside.Select(c => c.Frame))}");
            start += shot.Frames;
        }
    }

    [Fact]
    public async Task Low_frame_rate_footage_without_a_shot_change_has_no_cuts()
    {
        // testsrc2 at 2 fps: its motion makes every frame differ by 15-30, climbing to just above 27 every few seconds.
        var reel = new ShotReel(160, 90, 2, [new Shot("testsrc2", 240)]) { Preset = "ultrafast" };
        var path = await ShotReelBuilder.BuildAsync(reel);

        var result = await AnalysisPass.RunAsync(path, new AnalysisOptions { SampleInterval = null, SampleAfterCuts = false });
        var plain = await AnalysisPass.RunAsync(path, new AnalysisOptions
        {
            SampleInterval = null,
            SampleAfterCuts = false,
            Scenes = new SceneDetectionOptions { MinJumpRatio = 0 },
        });

        output.WriteLine($"cuts: {result.Cuts.Count}; PySceneDetect's plain content rule: {plain.Cuts.Count} ({string.Join(", ", plain.Cuts.Select(c => c.Score))})");
        Assert.Equal(240, result.FrameCount);
        Assert.Empty(result.Cuts);
        Assert.NotEmpty(plain.Cuts); // The video really does cross the threshold.
    }
}
