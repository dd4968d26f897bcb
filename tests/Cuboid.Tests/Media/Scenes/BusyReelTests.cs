using Cuboid.Media.Analysis;
using Cuboid.Media.Scenes;
using Cuboid.Testing.Shots;
using Xunit.Abstractions;

namespace Cuboid.Tests.Media.Scenes;

/// <summary>Both detectors on the six busy reels (noise, motion, brightness flashes inside shots, cuts between
/// similar-looking shots): the bar is F1 ≥ 0.95 at ±1 frame on every reel, not on average.</summary>
public class BusyReelTests(ITestOutputHelper output)
{
    // The reels are built (or found in the cache) all at once: the first run's encoding is most of this group's time.
    private static readonly Lazy<Task<string[]>> Paths = new(() =>
        Task.WhenAll(Enumerable.Range(0, BusyShotReels.Count).Select(v => ShotReelBuilder.BuildAsync(BusyShotReels.Create(v)))));

    public static TheoryData<int> Variants => [.. Enumerable.Range(0, BusyShotReels.Count)];

    [Theory]
    [MemberData(nameof(Variants))]
    public async Task Both_detectors_find_the_hard_cuts_of_every_busy_reel_with_F1_at_least_0_95(int variant)
    {
        var reel = BusyShotReels.Create(variant);
        var path = (await Paths.Value)[variant];

        // One decode feeds both detectors: the pass's own (content) and an adaptive one as an extra consumer.
        var adaptive = new SceneDetector(new SceneDetectionOptions { Detector = SceneDetectorKind.Adaptive });
        var result = await AnalysisPass.RunAsync(path, new AnalysisOptions { SampleInterval = null, SampleAfterCuts = false, Consumers = [adaptive] });

        var content = CutScore.Of(reel.HardCutFrames, HardCuts(result.Boundaries));
        var adaptiveScore = CutScore.Of(reel.HardCutFrames, HardCuts(adaptive.Boundaries));
        output.WriteLine($"busy reel {variant} ({reel.HardCutFrames.Count} cuts) content: {content}");
        output.WriteLine($"busy reel {variant} ({reel.HardCutFrames.Count} cuts) adaptive: {adaptiveScore}");
        Assert.Equal(reel.TotalFrames, result.FrameCount);
        Assert.True(content.F1 >= 0.95 && adaptiveScore.F1 >= 0.95, $"reel {variant}: content {content}; adaptive {adaptiveScore}");
    }

    private static List<long> HardCuts(IEnumerable<SceneBoundary> boundaries) =>
        [.. boundaries.Where(b => b.Kind == SceneBoundaryKind.Cut && !b.FromFade).Select(b => b.Frame)];
}
