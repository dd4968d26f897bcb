using Cuboid.Media.Analysis;

namespace Cuboid.Media.Scenes;

/// <summary>The one rule that turns an analysis pass's cuts into scenes, for <c>cuboid scenes</c> and the analyze report.</summary>
public static class SceneList
{
    /// <summary>The scenes of <paramref name="result"/>: one from the first frame to the first cut, one between each pair of
    /// cuts, one from the last cut to <see cref="AnalysisResult.End"/>. A cut at or before the current scene's start would
    /// make an empty scene, so it only changes how that scene is said to begin.</summary>
    public static IReadOnlyList<Scene> FromCuts(AnalysisResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var scenes = new List<Scene>();
        var (start, startFrame, kind) = (result.FirstFrameTime, 0L, "start");
        foreach (var cut in result.Cuts)
        {
            if (cut.Time > start)
            {
                scenes.Add(Make(scenes.Count, start, cut.Time, startFrame, cut.Frame, kind));
                (start, startFrame) = (cut.Time, cut.Frame);
            }

            kind = cut.FromFade ? "fade" : "cut";
        }

        scenes.Add(Make(scenes.Count, start, result.End, startFrame, result.FrameCount, kind));
        return scenes;
    }

    // Microsecond rounding: pts × time base leaves binary noise (77.03999999999999).
    private static Scene Make(int index, double start, double end, long startFrame, long endFrame, string kind) =>
        new(index, Math.Round(start, 6), Math.Round(end, 6), startFrame, endFrame, kind);
}
