using System.Globalization;

namespace Cuboid.Generation.LongForm;

/// <summary>
/// Turns the metrics into named defects. The thresholds are not published anywhere (reference §10.3); these were set
/// on the synthetic defect clips of the tests (each ramp, flash, bar and freeze is found) and on clean clips, which
/// must stay silent. Trend findings need at least two segments.
/// </summary>
internal static class DriftFindings
{
    /// <summary>Rise of ΔE against the anchor from the first to the last segment that counts as colour drift.</summary>
    public const double ColourDriftDeltaE = 6;

    /// <summary>Change of mean luma (0-255) from first to last segment that counts as exposure drift.</summary>
    public const double ExposureDriftLuma = 12;

    /// <summary>Last-to-first contrast ratio beyond which contrast has crept (or faded: its inverse).</summary>
    public const double ContrastCreepRatio = 1.25;

    /// <summary>Last-to-first sharpness ratio at or below which the video has blurred.</summary>
    public const double BlurRampRatio = 0.6;

    /// <summary>Sharpness of the first segment below which the picture is too flat to judge blur.</summary>
    public const double MinimumSharpness = 5;

    /// <summary>Flash score at or above which a join flashes or jumps.</summary>
    public const double FlashScore = 5;

    /// <summary>Smallest frame difference (luma levels) a flash must reach to be visible at all.</summary>
    public const double FlashPeak = 8;

    /// <summary>A segment whose motion falls below this share of the busiest segment's has stalled.</summary>
    public const double StallRatio = 0.2;

    /// <summary>Motion (share of moving cuboids) the busiest segment needs for a stall to mean anything.</summary>
    public const double MinimumMotion = 0.05;

    /// <summary>Bars thinner than this share of the side are ignored (compression fringes).</summary>
    public const double LetterboxShare = 0.02;

    /// <param name="trends">The segments' curves (<see cref="DriftAnalyzer"/> makes them), by metric name.</param>
    public static IReadOnlyList<DriftFinding> Detect(
        IReadOnlyList<SegmentDrift> segments, IReadOnlyList<MetricTrend> trends, IReadOnlyList<JoinDrift> joins, LetterboxBars letterbox, int width, int height)
    {
        var findings = new List<DriftFinding>();
        if (segments.Count >= 2)
        {
            Trends(segments, trends, findings);
            Stall(segments, findings);
        }

        foreach (var join in joins.Where(j => j.FlashScore >= FlashScore && j.PeakDifference >= FlashPeak))
        {
            findings.Add(new DriftFinding(
                DriftFindingKinds.FlashAtJoin,
                Text($"flash at the join at {join.Time:0.00} s: frame difference {join.FlashScore:0.#}x its surroundings"),
                join.Index + 1,
                join.Time));
        }

        var rows = letterbox.Top + letterbox.Bottom;
        var columns = letterbox.Left + letterbox.Right;
        if (rows >= LetterboxShare * height || columns >= LetterboxShare * width)
        {
            findings.Add(new DriftFinding(
                DriftFindingKinds.Letterbox,
                Text($"letterbox bars: {letterbox.Top} px top, {letterbox.Bottom} px bottom, {letterbox.Left} px left, {letterbox.Right} px right")));
        }

        return findings;
    }

    private static void Trends(IReadOnlyList<SegmentDrift> segments, IReadOnlyList<MetricTrend> trends, List<DriftFinding> findings)
    {
        var first = segments[0];
        var last = segments[^1];
        var colour = trends.First(t => t.Metric == "deltaEAnchor");
        if (colour.Change >= ColourDriftDeltaE && colour.Slope > 0)
        {
            findings.Add(new DriftFinding(
                DriftFindingKinds.ColourDrift,
                Text($"colour drift: ΔE to the anchor grows from {first.DeltaEAnchor:0.0} (segment 1) to {last.DeltaEAnchor:0.0} (segment {segments.Count})"),
                FirstAbove(segments, s => s.DeltaEAnchor - first.DeltaEAnchor, ColourDriftDeltaE / 2)));
        }

        if (Math.Abs(last.LumaMean - first.LumaMean) >= ExposureDriftLuma)
        {
            findings.Add(new DriftFinding(
                DriftFindingKinds.ExposureDrift,
                Text($"exposure drift: mean luma goes from {first.LumaMean:0} to {last.LumaMean:0}")));
        }

        if (first.Contrast > 0 && (last.Contrast / first.Contrast >= ContrastCreepRatio || first.Contrast / Math.Max(last.Contrast, 1e-9) >= ContrastCreepRatio))
        {
            findings.Add(new DriftFinding(
                DriftFindingKinds.ContrastCreep,
                Text($"contrast creep: luma contrast goes from {first.Contrast:0.0} to {last.Contrast:0.0}")));
        }

        var sharpness = trends.First(t => t.Metric == "sharpness");
        if (first.Sharpness >= MinimumSharpness && sharpness.Ratio <= BlurRampRatio && sharpness.Slope < 0)
        {
            findings.Add(new DriftFinding(
                DriftFindingKinds.BlurRamp,
                Text($"blur ramp: sharpness falls to {sharpness.Ratio:0%} of the first segment's by segment {segments.Count}"),
                FirstAbove(segments, s => 1 - (s.Sharpness / first.Sharpness), (1 - BlurRampRatio) / 2)));
        }
    }

    private static void Stall(IReadOnlyList<SegmentDrift> segments, List<DriftFinding> findings)
    {
        var busiest = segments.Max(s => s.Motion ?? 0);
        if (busiest < MinimumMotion)
        {
            return;
        }

        // A stall follows motion: a video that is still from its first frame is a still, not a stall.
        var moved = false;
        foreach (var segment in segments)
        {
            if (segment.Motion is not { } motion)
            {
                continue;
            }

            if (motion >= StallRatio * busiest)
            {
                moved = true;
            }
            else if (moved)
            {
                findings.Add(new DriftFinding(
                    DriftFindingKinds.MotionStall,
                    Text($"motion stalls from {segment.Start:0.00} s (segment {segment.Index + 1}): {motion:0%} of cuboids move, against {busiest:0%} at most"),
                    segment.Index,
                    segment.Start));
                return;
            }
        }
    }

    private static int? FirstAbove(IReadOnlyList<SegmentDrift> segments, Func<SegmentDrift, double> value, double threshold) =>
        segments.FirstOrDefault(s => value(s) >= threshold)?.Index;

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
