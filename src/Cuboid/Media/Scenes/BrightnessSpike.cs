using Cuboid.Media.Analysis;

namespace Cuboid.Media.Scenes;

/// <summary>
/// Recognises a flash by its shape in time rather than by an exact return to the picture before it: the mean
/// brightness jumps up, stays up for the flash's frames and comes back down, and the pictures just before and just
/// after are no further apart than the shot's own motion explains. In a shot whose content keeps changing (motion,
/// evolving patterns, noise) the picture after a flash never matches the one before exactly, but its shape still holds.
/// Reads only the pass's frame history and allocates nothing.
/// </summary>
internal static class BrightnessSpike
{
    /// <summary>A flash raises the mean luma by at least this fraction of the level before it (a +20 % flash on
    /// partly clipped or saturated content still rises by 10-15 %)...</summary>
    private const double MinRiseFraction = 0.08;

    /// <summary>...and by at least this many levels (0-255), above the frame-to-frame wobble of a dark, noisy shot.</summary>
    private const double MinRiseLevels = 3;

    /// <summary>The frame after a flash is back within this fraction of the level the shot was heading for (the level
    /// before, moved on by the brightness trend of the two frames before: a rotating or panning shot drifts a few
    /// levels per frame)...</summary>
    private const double ReturnFraction = 0.12;

    /// <summary>...and never further than this share of the rise: a jump up that only halves on the way down is a cut
    /// to a brighter shot (such as the bright first frame of a new one), not a flash.</summary>
    private const double ReturnShareOfRise = 0.6;

    /// <summary>The luma across a flash may differ by this many times the shot's own luma change over as many frames
    /// before it (a cut changes it many times over).</summary>
    private const double LumaSlack = 1.5;

    /// <summary>True when frames <paramref name="start"/> to <paramref name="end"/> - 1 are a flash: a spike
    /// (<see cref="IsSpike"/>) with the pictures either side alike (<see cref="AlikeAcross"/>).</summary>
    public static bool IsFlash(AnalysisFrame frame, long start, long end, double sameShotThreshold) =>
        IsSpike(frame, start, end) && AlikeAcross(frame, start, end, sameShotThreshold);

    /// <summary>
    /// True when frames <paramref name="start"/> to <paramref name="end"/> - 1 are a brightness spike over frame
    /// <paramref name="start"/> - 1 and frame <paramref name="end"/> is back down to that level.
    /// </summary>
    public static bool IsSpike(AnalysisFrame frame, long start, long end)
    {
        if (end <= start || frame.At(start - 1) is not { } before || frame.At(end) is not { } after || frame.At(start) is not { } first)
        {
            return false;
        }

        double level = before.Stats.MeanLuma;
        var rise = first.Stats.MeanLuma - level;
        if (rise < Math.Max(MinRiseLevels, MinRiseFraction * level))
        {
            return false;
        }

        // Every flash frame stays well above the level before (a spike, not a blip and a slide).
        for (var k = start + 1; k < end; k++)
        {
            if (frame.At(k) is not { } inside || inside.Stats.MeanLuma - level < rise / 2)
            {
                return false;
            }
        }

        var trend = frame.At(start - 3) is { } earlier ? (level - earlier.Stats.MeanLuma) / 2 : 0;
        var offset = Math.Abs(after.Stats.MeanLuma - (level + (trend * (end - start + 1))));
        return offset <= Math.Min(ReturnShareOfRise * rise, Math.Max(MinRiseLevels, ReturnFraction * level));
    }

    /// <summary>
    /// True when the frames on either side of a spike (<paramref name="start"/> - 1 and <paramref name="end"/>) differ by
    /// less than a cut would: below <paramref name="sameShotThreshold"/>, or within what the shot's own frame-to-frame
    /// change before the spike accumulates over the gap (half of it per frame, plus one frame's worth).
    /// </summary>
    public static bool AlikeAcross(AnalysisFrame frame, long start, long end, double sameShotThreshold)
    {
        if (frame.At(start - 1) is not { } before || frame.At(end) is not { } after)
        {
            return false;
        }

        var gap = end - start + 1;
        var allowed = Math.Max(sameShotThreshold, TypicalChange(frame, start - 1) * (1 + (gap / 2.0)));
        if (HsvDifference.Score(before, after) < allowed)
        {
            return true;
        }

        // Hue and saturation of dark, grey pixels swing on small pixel errors, and a decode that skips deblocking
        // leaves such errors in the frames predicted across a flash (1080p reel: 32 instead of 17 across the flash in
        // the rotating shot); luma barely moves. So the pictures are also alike when their luma differs by little more
        // than the shot's own luma change over the same number of frames just before the spike.
        return frame.At(start - 1 - gap) is { } earlier
            && LumaDistance(before, after) < Math.Max(MinRiseLevels, LumaSlack * LumaDistance(earlier, before));
    }

    /// <summary>Mean absolute luma difference (0-255) of two frames.</summary>
    private static double LumaDistance(FramePlanes a, FramePlanes b) =>
        PlaneMath.SumAbsDiff(a.Luma, b.Luma) / (double)a.Luma.Length;

    // The median content score of the three frames up to and including this one: how much the shot changes per frame
    // on its own, robust to one outlier (the shot's own first frame).
    private static double TypicalChange(AnalysisFrame frame, long index)
    {
        var a = Score(frame, index);
        var b = Score(frame, index - 1);
        var c = Score(frame, index - 2);
        return Math.Max(Math.Min(a, b), Math.Min(Math.Max(a, b), c));
    }

    private static double Score(AnalysisFrame frame, long index) => frame.At(index)?.Stats.ContentScore ?? 0;
}
