using Cuboid.Understanding.Reports;

namespace Cuboid.Understanding;

/// <summary>
/// Makes a model's chapters safe to publish: clamped to [from, duration] (a window of a long video, or the whole of it), ordered by start, no two starting
/// at the same time, and tiling the video (the first starts at <c>from</c>, each ends where the next starts, the
/// last ends with the video), which also removes overlaps and gaps.
/// </summary>
internal static class ChapterNormalizer
{
    private const double MinimumLength = 0.5;

    public static IReadOnlyList<Chapter> Normalize(IEnumerable<Chapter> chapters, double duration, double from = 0)
    {
        var ordered = chapters
            .Select(c => c with { Start = Math.Max(from, Clamp(c.Start, duration)), Title = c.Title.Trim() })
            .Where(c => c.Title.Length > 0)
            .Where(c => c.Start <= duration - MinimumLength || duration <= MinimumLength)
            .OrderBy(c => c.Start)
            .ToList();
        var kept = new List<Chapter>();
        foreach (var chapter in ordered)
        {
            if (kept.Count > 0 && chapter.Start - kept[^1].Start < MinimumLength)
            {
                continue;
            }

            kept.Add(chapter);
        }

        if (kept.Count == 0)
        {
            return [];
        }

        kept[0] = kept[0] with { Start = from };
        for (var i = 0; i < kept.Count; i++)
        {
            var end = i + 1 < kept.Count ? kept[i + 1].Start : Math.Max(duration, kept[i].Start);
            kept[i] = kept[i] with { End = end };
        }

        return kept;
    }

    public static double Clamp(double time, double duration) =>
        double.IsFinite(time) ? Math.Clamp(time, 0, Math.Max(0, duration)) : 0;
}
