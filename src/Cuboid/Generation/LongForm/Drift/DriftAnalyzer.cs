using Cuboid.Media;
using Cuboid.Media.Analysis;
using Cuboid.Media.Probe;

namespace Cuboid.Generation.LongForm;

/// <summary>
/// Measures drift in any video (ours or not): the <see cref="DriftMeter"/> rides the media engine's one analysis
/// decode (<see cref="AnalysisPass"/>, with no samples or exports asked of it), then the segments' curves, trends and
/// findings are put together. Entry point of <c>cuboid drift</c>.
/// </summary>
public static class DriftAnalyzer
{
    /// <summary>Measures the video at <paramref name="path"/> in one decode: per-segment and per-join metrics against the anchor, trends, multi-lag similarity, letterbox and findings. Input and usage errors for a missing, non-video or badly segmented file.</summary>
    public static async Task<DriftMeasurement> MeasureAsync(string path, DriftOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new DriftOptions();
        options.Validate();
        MediaInput.RequireFile(path);
        var info = await VideoProbe.ProbeAsync(path, options.Tools, cancellationToken).ConfigureAwait(false);
        var video = info.RequireVideo();
        var joins = options.JoinSecondsFor(info.Duration.TotalSeconds);
        var size = FrameSize.Fit(video.DisplayWidth, video.DisplayHeight, options.AnalysisLongSide);
        var anchor = options.AnchorPath is { } anchorPath
            ? await AnchorImage.LoadAsync(anchorPath, size, options.Tools, cancellationToken).ConfigureAwait(false)
            : null;

        var strides = DriftMeter.SegmentStrides(joins, info.Duration.TotalSeconds, video.FramesPerSecond, options.MetricStride, options.MinimumStridedSegmentFrames);
        var meter = new DriftMeter(joins, anchor, strides);
        var pass = new AnalysisOptions
        {
            SampleInterval = null,
            SampleAfterCuts = false,
            AnalysisLongSide = options.AnalysisLongSide,
            Consumers = [meter],
            SlabObserver = meter.OnSlab, // the pass's own cuboid motion meter: one over the frames is enough
            Probed = info,
            Progress = options.Progress,
            Tools = options.Tools,
            TimeProvider = options.TimeProvider,
        };
        var result = await AnalysisPass.RunAsync(path, pass, cancellationToken).ConfigureAwait(false);

        var (segments, joinDrifts, pictures, multiLag, anchorPicture, anchorLook) = meter.Build();
        var letterbox = meter.Letterbox(video.DisplayWidth, video.DisplayHeight);
        var trends = Trends(segments);
        var report = new DriftReport(
            DriftReport.CurrentSchemaVersion,
            info.Path,
            options.AnchorPath is { } given ? Path.GetFullPath(given) : "first-frame",
            video.DisplayWidth,
            video.DisplayHeight,
            result.Width,
            result.Height,
            result.FrameCount,
            result.LastFrameTime,
            anchorLook,
            segments,
            joinDrifts,
            trends,
            multiLag,
            letterbox,
            DriftFindings.Detect(segments, trends, joinDrifts, letterbox, video.DisplayWidth, video.DisplayHeight));
        return new DriftMeasurement(report, anchorPicture, pictures);
    }

    /// <summary>The curve of every per-segment metric, in drift.json's names.</summary>
    internal static IReadOnlyList<MetricTrend> Trends(IReadOnlyList<SegmentDrift> segments)
    {
        MetricTrend Of(string name, Func<SegmentDrift, double?> value) =>
            MetricTrend.Of(name, [.. segments.Select(s => value(s) ?? double.NaN).Where(v => !double.IsNaN(v))]);
        return
        [
            Of("deltaEAnchor", s => s.DeltaEAnchor),
            Of("deltaEPrevious", s => s.DeltaEPrevious),
            Of("histogramAnchor", s => s.HistogramAnchor),
            Of("histogramPrevious", s => s.HistogramPrevious),
            Of("ssimAnchor", s => s.SsimAnchor),
            Of("ssimPrevious", s => s.SsimPrevious),
            Of("lumaMean", s => s.LumaMean),
            Of("contrast", s => s.Contrast),
            Of("saturation", s => s.Saturation),
            Of("sharpness", s => s.Sharpness),
            Of("flicker", s => s.Flicker),
            Of("motion", s => s.Motion),
        ];
    }
}
