namespace Cuboid.Understanding;

/// <summary>
/// Caps a plan at N frames (<c>--max-frames</c>): frames after cuts are kept first (spread evenly when
/// there are more cuts than N), then the rest of the budget is spread evenly over the other samples.
/// </summary>
internal static class MaxFramesSelector
{
    public static IReadOnlyList<PlannedFrame> Select(IReadOnlyList<PlannedFrame> frames, int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        if (frames.Count <= max)
        {
            return frames;
        }

        var cuts = frames.Where(f => f.Reason == Reports.SampleReasons.Cut).ToList();
        var others = frames.Where(f => f.Reason != Reports.SampleReasons.Cut).ToList();
        var chosen = cuts.Count >= max ? Spread(cuts, max) : [.. cuts, .. Spread(others, max - cuts.Count)];
        return [.. chosen.OrderBy(f => f.Time)];
    }

    /// <summary>N items at evenly spaced positions, first included (and last, when N > 1).</summary>
    private static List<PlannedFrame> Spread(List<PlannedFrame> items, int n)
    {
        if (n <= 0 || items.Count == 0)
        {
            return [];
        }

        if (n >= items.Count)
        {
            return items;
        }

        var picked = new List<PlannedFrame>(n);
        for (var i = 0; i < n; i++)
        {
            var index = n == 1 ? 0 : (int)Math.Round(i * (items.Count - 1) / (double)(n - 1));
            picked.Add(items[index]);
        }

        return picked;
    }
}
