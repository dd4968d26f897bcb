using System.Text.Json.Serialization;

namespace Cuboid.Understanding.Reports;

/// <summary>
/// Everything <c>cuboid analyze</c> learned about one video: the content of <c>report.json</c>.
/// Times are seconds from the start of the video. <see cref="SchemaVersion"/> changes whenever a
/// field changes meaning or disappears; new optional fields do not change it.
/// </summary>
public sealed record AnalysisReport
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>The analysed file's name (not its full path, so reports can be shared).</summary>
    public required string Source { get; init; }

    /// <summary><c>full</c>, <c>offline</c> (no model called) or <c>partial</c> (a stage stopped early; see <see cref="Warnings"/>).</summary>
    public required string Mode { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>What kind of report this is when no model was called, and how to add a provider (null on a full report).</summary>
    public string? About { get; init; }

    public required VideoFacts Video { get; init; }

    /// <summary>Null for a whole file. Set when the file is truncated: scenes, samples, transcript and chapters then
    /// end at <see cref="TruncationFacts.DecodableSeconds"/>, not at <see cref="VideoFacts.DurationSeconds"/> (the
    /// header's claim). Always written, as <c>null</c> for a whole file, so readers can rely on the key.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public TruncationFacts? Truncated { get; init; }

    public IReadOnlyList<ReportSample> Samples { get; init; } = [];

    public IReadOnlyList<TranscriptSegment> Transcript { get; init; } = [];

    public IReadOnlyList<ReportScene> Scenes { get; init; } = [];

    public string? Summary { get; init; }

    public IReadOnlyList<Chapter> Chapters { get; init; } = [];

    public IReadOnlyList<KeyMoment> KeyMoments { get; init; } = [];

    public IReadOnlyList<string> Topics { get; init; } = [];

    /// <summary>Motion over time from the analysis pass (one point per sample window).</summary>
    public IReadOnlyList<MotionPoint> MotionProfile { get; init; } = [];

    /// <summary>Where speech was heard (empty when the file has no audio).</summary>
    public IReadOnlyList<TimeRange> SpeechActivity { get; init; } = [];

    public DuplicateSavings Duplicates { get; init; } = new(0, 0m);

    public UsageReport Usage { get; init; } = UsageReport.Empty;

    /// <summary>What sending the whole video to native video models would cost instead.</summary>
    public IReadOnlyList<NativeVideoQuote> NativeVideoComparison { get; init; } = [];

    public IReadOnlyList<string> Warnings { get; init; } = [];
}
