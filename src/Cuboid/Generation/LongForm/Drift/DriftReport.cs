using System.Text.Json.Serialization;

namespace Cuboid.Generation.LongForm;

/// <summary>Everything <c>cuboid drift</c> measured on one video; serialised as <c>drift.json</c>.</summary>
/// <param name="SchemaVersion">Shape version of drift.json (<see cref="CurrentSchemaVersion"/>).</param>
/// <param name="Path">The measured video.</param>
/// <param name="Anchor">The anchor image's path, or <c>first-frame</c> when the first segment's first frame is the anchor.</param>
/// <param name="Width">Display width of the video.</param>
/// <param name="Height">Display height of the video.</param>
/// <param name="AnalysisWidth">Width the metrics were computed at.</param>
/// <param name="AnalysisHeight">Height the metrics were computed at.</param>
/// <param name="FrameCount">Frames decoded.</param>
/// <param name="Duration">Time of the last frame (s).</param>
/// <param name="AnchorLook">The anchor's colour, exposure, contrast, saturation and sharpness.</param>
/// <param name="Segments">Per-segment metrics, in order.</param>
/// <param name="Joins">Per-join metrics, in order.</param>
/// <param name="Trends">Each metric's curve over the segments.</param>
/// <param name="MultiLag">The multi-lag similarity curve over the whole video.</param>
/// <param name="Letterbox">Dark bars along the edges.</param>
/// <param name="Findings">The defects found; empty for a clean video.</param>
public sealed record DriftReport(
    int SchemaVersion,
    string Path,
    string Anchor,
    int Width,
    int Height,
    int AnalysisWidth,
    int AnalysisHeight,
    long FrameCount,
    double Duration,
    FrameLook AnchorLook,
    IReadOnlyList<SegmentDrift> Segments,
    IReadOnlyList<JoinDrift> Joins,
    IReadOnlyList<MetricTrend> Trends,
    MultiLagSimilarity MultiLag,
    LetterboxBars Letterbox,
    IReadOnlyList<DriftFinding> Findings)
{
    /// <summary>The drift.json shape this library writes.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>The judge's verdict per segment (<c>cuboid generate --judge</c>); null, and left out of drift.json, otherwise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<SegmentVerdict>? Judgements { get; init; }

    /// <summary>The trend of <paramref name="metric"/>, e.g. <c>deltaEAnchor</c>.</summary>
    public MetricTrend Trend(string metric) => Trends.First(t => t.Metric == metric);
}
