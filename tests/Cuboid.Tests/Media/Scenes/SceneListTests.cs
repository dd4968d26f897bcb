using Cuboid.Media.Analysis;
using Cuboid.Media.Probe;
using Cuboid.Media.Scenes;

namespace Cuboid.Tests.Media.Scenes;

/// <summary>The one rule from cuts to scenes that <c>cuboid scenes</c> and the analyze report share.</summary>
public class SceneListTests
{
    [Fact]
    public void Cuts_split_the_file_into_scenes_that_end_at_the_covered_end()
    {
        var result = Result(
            new SceneBoundary(2.0, 50, 40, SceneBoundaryKind.Cut),
            new SceneBoundary(3.9, 97, 3, SceneBoundaryKind.FadeOut),
            new SceneBoundary(4.03999999999999, 101, 2, SceneBoundaryKind.Cut, FromFade: true));

        var scenes = SceneList.FromCuts(result);

        Assert.Equal(
            [
                new Scene(0, 0.04, 2.0, 0, 50, "start"),
                new Scene(1, 2.0, 4.04, 50, 101, "cut"),
                new Scene(2, 4.04, 6.0, 101, 150, "fade"),
            ],
            scenes);
    }

    [Fact]
    public void A_cut_on_the_first_frame_makes_no_empty_scene_but_names_how_the_first_one_begins()
    {
        var result = Result(new SceneBoundary(0.04, 0, 40, SceneBoundaryKind.Cut, FromFade: true));

        var scene = Assert.Single(SceneList.FromCuts(result));

        Assert.Equal(new Scene(0, 0.04, 6.0, 0, 150, "fade"), scene);
    }

    [Fact]
    public void A_truncated_file_ends_its_last_scene_at_the_decodable_length()
    {
        var result = Result() with { Truncation = new Truncation(TimeSpan.FromSeconds(4.5), TimeSpan.FromSeconds(6)) };

        var scene = Assert.Single(SceneList.FromCuts(result));

        Assert.Equal(4.5, scene.End);
    }

    private static AnalysisResult Result(params SceneBoundary[] boundaries) => new(
        "clip.mp4", 160, 90, FrameCount: 150, FirstFrameTime: 0.04, LastFrameTime: 5.96, Duration: 6.0,
        Samples: [], Boundaries: boundaries, MotionProfile: [], Summary: new AnalysisSummary(100, 1, 2, 0.1f, 0),
        ExportFallbacks: 0, ExportCandidates: 0, DecodeErrors: 0, FirstDecodeError: null, Elapsed: TimeSpan.Zero);
}
