using Cuboid.Generation.LongForm;
using Cuboid.Testing.Video;
using Xunit.Abstractions;

namespace Cuboid.Tests.Generation.LongForm;

/// <summary>The drift metrics on real encoded videos with known defects (real ffmpeg filters): each defect is named,
/// a clean clip gets no finding, and a compounding chain shows a growing anchor distance.</summary>
public class DriftAnalyzerTests(ITestOutputHelper output)
{
    private static readonly DriftOptions TwoSecondSegments = new() { SegmentLength = TimeSpan.FromSeconds(2) };

    [Fact]
    public async Task A_clean_clip_has_no_findings()
    {
        var report = await MeasureAsync(await VideoBuilder.BuildAsync(DriftClips.Clean), TwoSecondSegments);

        Assert.Empty(report.Findings);
        Assert.Equal(4, report.Segments.Count);
        Assert.Equal(3, report.Joins.Count);
        Assert.All(report.Joins, j => Assert.InRange(j.FlashScore, 0, 2.5));
        Assert.False(report.Letterbox.Any);
    }

    [Fact]
    public async Task A_colour_ramp_is_colour_drift()
    {
        var report = await MeasureAsync(await VideoBuilder.BuildAsync(DriftClips.ColourRamp), TwoSecondSegments);

        Assert.Equal([DriftFindingKinds.ColourDrift], Kinds(report));
        var distance = report.Trend("deltaEAnchor");
        Assert.True(distance.Slope > 1, $"ΔE slope {distance.Slope}");
        var histogram = report.Trend("histogramAnchor");
        Assert.True(histogram.Slope > 0 && histogram.End >= histogram.Start + 0.2, $"histogram distance {histogram.Start} → {histogram.End}");
        Assert.All(report.Segments.Skip(1), s => Assert.NotNull(s.DeltaEPrevious));
    }

    [Fact]
    public async Task A_blur_ramp_is_found()
    {
        var report = await MeasureAsync(await DriftClips.BlurRampAsync(), TwoSecondSegments);

        Assert.Contains(DriftFindingKinds.BlurRamp, Kinds(report));
        var sharpness = report.Segments.Select(s => s.Sharpness).ToArray();
        Assert.True(sharpness.Zip(sharpness.Skip(1), (a, b) => b < a).All(falls => falls), string.Join(", ", sharpness));
    }

    [Fact]
    public async Task At_720p_a_blur_ramp_of_one_to_three_pixels_is_found_and_the_clean_clip_stays_clean()
    {
        // 720p goes through the 256 px point-sampling step before the area step (the 320 px clips do not): the
        // thresholds must still see what a viewer sees there.
        var clean = await MeasureAsync(await VideoBuilder.BuildAsync(DriftClips.CleanHd), TwoSecondSegments);
        var blurred = await MeasureAsync(await DriftClips.BlurRampAsync(DriftClips.CleanHd), TwoSecondSegments);

        Assert.Empty(clean.Findings);
        Assert.Equal([DriftFindingKinds.BlurRamp], Kinds(blurred));
        var sharpness = blurred.Segments.Select(s => s.Sharpness).ToArray();
        Assert.True(sharpness.Zip(sharpness.Skip(1), (a, b) => b < a).All(falls => falls), string.Join(", ", sharpness));
    }

    [Fact]
    public async Task A_black_flash_at_a_join_is_found_at_that_join_only()
    {
        var report = await MeasureAsync(
            await VideoBuilder.BuildAsync(DriftClips.FlashAtFourSeconds),
            new DriftOptions { JoinTimes = [TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(6)] });

        var flash = Assert.Single(report.Findings);
        Assert.Equal(DriftFindingKinds.FlashAtJoin, flash.Kind);
        Assert.Equal(4.0, flash.Time!.Value, 2);
        Assert.True(report.Joins[1].FlashScore > 10, $"flash score {report.Joins[1].FlashScore}");
        Assert.True(report.Joins[0].FlashScore < 2.5 && report.Joins[2].FlashScore < 2.5);
    }

    [Fact]
    public async Task Letterbox_bars_are_found_in_source_pixels()
    {
        var report = await MeasureAsync(await VideoBuilder.BuildAsync(DriftClips.Letterboxed), TwoSecondSegments);

        Assert.Equal([DriftFindingKinds.Letterbox], Kinds(report));
        Assert.InRange(report.Letterbox.Top, 18, 24);
        Assert.InRange(report.Letterbox.Bottom, 18, 24);
        Assert.Equal(0, report.Letterbox.Left);
        Assert.Equal(0, report.Letterbox.Right);
    }

    [Fact]
    public async Task A_frozen_second_half_is_a_motion_stall()
    {
        var report = await MeasureAsync(await DriftClips.FrozenSecondHalfAsync(), TwoSecondSegments);

        var stall = Assert.Single(report.Findings);
        Assert.Equal(DriftFindingKinds.MotionStall, stall.Kind);
        Assert.Equal(2, stall.Segment);
        Assert.True(report.Segments[0].Motion > 0.1);
        Assert.True(report.Segments[3].Motion < 0.01);
    }

    [Fact]
    public async Task A_chain_that_compounds_each_hop_grows_its_anchor_distance_at_least_threefold()
    {
        const int hops = 12;
        var report = await MeasureAsync(await DriftClips.ChainAsync(hops), new DriftOptions { SegmentLength = TimeSpan.FromSeconds(1) });

        Assert.Equal(hops, report.Segments.Count);
        var first = report.Segments[0].DeltaEAnchor;
        var last = report.Segments[^1].DeltaEAnchor;
        Assert.True(last >= 3 * first, $"anchor ΔE {first:0.00} → {last:0.00}");
        Assert.True(report.Trend("ssimAnchor").Slope < 0);
        Assert.True(report.Trend("sharpness").Slope < 0);
        Assert.True(report.Trend("contrast").Slope > 0);
        Assert.Contains(DriftFindingKinds.ColourDrift, Kinds(report));
        Assert.Contains(DriftFindingKinds.BlurRamp, Kinds(report));
    }

    [Fact]
    public async Task An_anchor_image_is_what_distance_is_measured_against()
    {
        var clip = await VideoBuilder.BuildAsync(DriftClips.Clean);
        var anchor = await DriftTestFiles.FrameAsPngAsync(await VideoBuilder.BuildAsync(DriftClips.ColourRamp), 7.5);

        var report = await MeasureAsync(clip, TwoSecondSegments with { AnchorPath = anchor });

        Assert.Equal(Path.GetFullPath(anchor), report.Anchor);
        // The clean clip is far from a late, warm frame of the ramp, from its first segment on.
        Assert.True(report.Segments[0].DeltaEAnchor > 6, $"ΔE {report.Segments[0].DeltaEAnchor}");
    }

    [Fact]
    public async Task The_multi_lag_curve_has_every_lag_and_falls_with_distance()
    {
        var report = await MeasureAsync(await DriftClips.ChainAsync(12), new DriftOptions { SegmentLength = TimeSpan.FromSeconds(1) });

        var lags = report.MultiLag;
        Assert.Equal([2, 5, 10, 20, 50], lags.Lags);
        Assert.All(lags.Similarity, s => Assert.InRange(s!.Value, 0, 1));
        Assert.True(lags.Similarity[0] > lags.Similarity[^1]);
        Assert.True(lags.Drop > 0);
    }

    [Fact]
    public async Task Averages_on_the_middle_frame_of_every_four_stay_within_tolerance_of_every_frame()
    {
        // The compounding chain: colour, contrast and blur all move in it, a step per hop. The tolerances are what
        // docs/PERFORMANCE.md states for the stride (measured there on this clip, the colour ramp and the blur ramp).
        var clip = await DriftClips.ChainAsync(12);
        var every = (await DriftAnalyzer.MeasureAsync(clip, TwoSecondSegments with { MetricStride = 1 })).Report;
        // The clip's 2 s segments (50 frames) are below the minimum for a stride: the test lowers it to see the sample.
        var strided = (await DriftAnalyzer.MeasureAsync(clip, TwoSecondSegments with { MetricStride = 4, MinimumStridedSegmentFrames = 0 })).Report;

        Assert.Equal(Kinds(every), Kinds(strided));
        Assert.Equal(every.Joins.Select(j => j.FlashScore), strided.Joins.Select(j => j.FlashScore));
        Assert.Equal(every.Joins.Select(j => j.DeltaE), strided.Joins.Select(j => j.DeltaE));
        foreach (var (a, b) in every.Segments.Zip(strided.Segments))
        {
            output.WriteLine(FormattableString.Invariant(
                $"{a.Index}: ΔE {a.DeltaEAnchor - b.DeltaEAnchor:0.000} hist {a.HistogramAnchor - b.HistogramAnchor:0.0000} ssim {a.SsimAnchor - b.SsimAnchor:0.0000} luma {a.LumaMean - b.LumaMean:0.00} contrast {a.Contrast - b.Contrast:0.00} sat {a.Saturation - b.Saturation:0.00} sharp {(b.Sharpness / a.Sharpness) - 1:0.0000} lag2 {a.LagSimilarity[0] - b.LagSimilarity[0]:0.0000}"));
            Assert.Equal(a.Frames, b.Frames);
            Assert.Equal(a.Flicker, b.Flicker);
            Assert.Equal(a.DeltaEAnchor, b.DeltaEAnchor, 0.5);
            Assert.Equal(a.HistogramAnchor, b.HistogramAnchor, 0.02);
            Assert.Equal(a.SsimAnchor, b.SsimAnchor, 0.02);
            Assert.Equal(a.LumaMean, b.LumaMean, 1.0);
            Assert.Equal(a.Contrast, b.Contrast, 1.0);
            Assert.Equal(a.Saturation, b.Saturation, 1.0);
            Assert.InRange(b.Sharpness / a.Sharpness, 0.95, 1.05);
            Assert.Equal(a.LagSimilarity[0]!.Value, b.LagSimilarity[0]!.Value, 0.02);
        }
    }

    [Fact]
    public async Task Drift_json_round_trips_with_its_schema_version()
    {
        var report = await MeasureAsync(await VideoBuilder.BuildAsync(DriftClips.Clean), TwoSecondSegments);

        var again = DriftJson.Deserialize(DriftJson.Serialize(report));

        Assert.Equal(DriftReport.CurrentSchemaVersion, again.SchemaVersion);
        Assert.Equal(report.Segments.Count, again.Segments.Count);
        Assert.Equal(report.Segments[2].DeltaEAnchor, again.Segments[2].DeltaEAnchor);
    }

    private async Task<DriftReport> MeasureAsync(string path, DriftOptions options)
    {
        var measurement = await DriftAnalyzer.MeasureAsync(path, options);
        foreach (var s in measurement.Report.Segments)
        {
            output.WriteLine(FormattableString.Invariant(
                $"{s.Index}: ΔE {s.DeltaEAnchor:0.00}/{s.DeltaEPrevious:0.00} ssim {s.SsimAnchor:0.00} luma {s.LumaMean:0} contrast {s.Contrast:0.0} sharp {s.Sharpness:0} motion {s.Motion:0.00}"));
        }

        foreach (var finding in measurement.Report.Findings)
        {
            output.WriteLine(finding.Message);
        }

        return measurement.Report;
    }

    private static string[] Kinds(DriftReport report) => [.. report.Findings.Select(f => f.Kind)];
}
