using System.Text.Json.Serialization;

namespace Cuboid.Understanding.Reports;

/// <summary>
/// Everything <c>cuboid analyze</c> learned about one video: the content of <c>report.json</c>.
/// Times are seconds from the start of the video. <see cref="SchemaVersion"/> changes whenever a
/// field changes meaning or disappears; new optional fields do not change it.
/// </summary>
public sealed record AnalysisReport
{
    /// <summary>The schema version this library writes.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>The schema version of this report (<see cref="CurrentSchemaVersion"/> when written by this library).</summary>
    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>The analysed file's name (not its full path, so reports can be shared).</summary>
    public required string Source { get; init; }

    /// <summary><c>full</c>, <c>offline</c> (no model called) or <c>partial</c> (a stage stopped early; see <see cref="Warnings"/>).</summary>
    public required string Mode { get; init; }

    /// <summary>When the report was made.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>What kind of report this is when no model was called, and how to add a provider (null on a full report).</summary>
    public string? About { get; init; }

    /// <summary>Facts about the video: duration, size, frame rate, streams.</summary>
    public required VideoFacts Video { get; init; }

    /// <summary>Null for a whole file. Set when the file is truncated: scenes, samples, transcript and chapters then
    /// end at <see cref="TruncationFacts.DecodableSeconds"/>, not at <see cref="VideoFacts.DurationSeconds"/> (the
    /// header's claim). Always written, as <c>null</c> for a whole file, so readers can rely on the key.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public TruncationFacts? Truncated { get; init; }

    /// <summary>The sampled frames in time order, each with why it was chosen and its caption (when captioned).</summary>
    public IReadOnlyList<ReportSample> Samples { get; init; } = [];

    /// <summary>What was said, in timed segments (empty without a transcriber or audio).</summary>
    public IReadOnlyList<TranscriptSegment> Transcript { get; init; } = [];

    /// <summary>The scenes between cuts.</summary>
    public IReadOnlyList<ReportScene> Scenes { get; init; } = [];

    /// <summary>A summary of the whole video; null when no reasoner ran.</summary>
    public string? Summary { get; init; }

    /// <summary>Chapters covering the video in order.</summary>
    public IReadOnlyList<Chapter> Chapters { get; init; } = [];

    /// <summary>Moments worth jumping to, each with a time and a line.</summary>
    public IReadOnlyList<KeyMoment> KeyMoments { get; init; } = [];

    /// <summary>Topics the video covers.</summary>
    public IReadOnlyList<string> Topics { get; init; } = [];

    /// <summary>Motion over time from the analysis pass (one point per sample window).</summary>
    public IReadOnlyList<MotionPoint> MotionProfile { get; init; } = [];

    /// <summary>Where speech was heard (empty when the file has no audio).</summary>
    public IReadOnlyList<TimeRange> SpeechActivity { get; init; } = [];

    /// <summary>Samples skipped as near-duplicates and the dollars that saved.</summary>
    public DuplicateSavings Duplicates { get; init; } = new(0, 0m);

    /// <summary>Calls, tokens, seconds and dollars per stage and in total.</summary>
    public UsageReport Usage { get; init; } = UsageReport.Empty;

    /// <summary>What sending the whole video to native video models would cost instead.</summary>
    public IReadOnlyList<NativeVideoQuote> NativeVideoComparison { get; init; } = [];

    /// <summary>One line per thing that went wrong or was left out (a stopped stage, a truncated file).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
