namespace Cuboid.Generation.LongForm;

/// <summary>Drift metrics of one segment: means over its frames, against the anchor and against the previous
/// segment's last frame.</summary>
/// <param name="Index">0-based segment number.</param>
/// <param name="Start">Time of its first frame (s).</param>
/// <param name="End">Time of its last frame (s).</param>
/// <param name="Frames">Frames in the segment.</param>
/// <param name="DeltaEAnchor">CIE76 ΔE between the segment's mean Lab colour and the anchor's: the anchor distance.</param>
/// <param name="DeltaEPrevious">ΔE to the previous segment's last frame (null for the first segment).</param>
/// <param name="HistogramAnchor">Bhattacharyya distance of the hue-saturation histograms to the anchor (0-1).</param>
/// <param name="HistogramPrevious">The same against the previous segment's last frame.</param>
/// <param name="SsimAnchor">Mean SSIM of its frames against the anchor (64 px luma).</param>
/// <param name="SsimPrevious">Mean SSIM of its frames against the previous segment's last frame.</param>
/// <param name="LumaMean">Mean luma (0-255).</param>
/// <param name="Contrast">Mean RMS contrast (luma standard deviation).</param>
/// <param name="Saturation">Mean saturation (0-255).</param>
/// <param name="Sharpness">Mean variance of the Laplacian.</param>
/// <param name="Flicker">VBench temporal-flickering score: (255 − mean |Δluma| between consecutive frames) / 255.</param>
/// <param name="Motion">Mean share of moving space-time cuboids (0-1; null when the segment is shorter than one slab).</param>
/// <param name="LagSimilarity">Mean SSIM of frame pairs (t − lag, t) ending in this segment, per lag of
/// <see cref="MultiLagSimilarity.Lags"/> (null where the video is too short for the lag).</param>
public sealed record SegmentDrift(
    int Index,
    double Start,
    double End,
    long Frames,
    double DeltaEAnchor,
    double? DeltaEPrevious,
    double HistogramAnchor,
    double? HistogramPrevious,
    double SsimAnchor,
    double? SsimPrevious,
    double LumaMean,
    double Contrast,
    double Saturation,
    double Sharpness,
    double Flicker,
    double? Motion,
    IReadOnlyList<double?> LagSimilarity);
