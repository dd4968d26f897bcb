using System.Text.Json.Serialization;
using Cuboid.Media.Analysis;
using Cuboid.Media.Scenes;

namespace Cuboid.Contracts;

/// <summary><c>cuboid scenes --json</c>: the boundaries one analysis pass found and the scenes between the cuts.</summary>
public sealed record ScenesDocument(
    string Path,
    string Detector,
    double Threshold,
    double MinSceneSeconds,
    long FrameCount,
    double DurationSeconds,
    double DecodedSeconds,
    TruncationDocument? Truncated,
    IReadOnlyList<string> Warnings,
    int CutCount,
    IReadOnlyList<SceneBoundaryEntry> Boundaries,
    IReadOnlyList<SceneEntry> Scenes) : IContractDocument
{
    /// <summary>The version this build writes.</summary>
    public const int CurrentVersion = 1;

    /// <inheritdoc/>
    [JsonPropertyOrder(-1)] // First, so a reader can check it before anything else.
    public int SchemaVersion { get; init; } = CurrentVersion;

    /// <summary>The document for a pass run with <paramref name="options"/>.</summary>
    public static ScenesDocument From(AnalysisResult result, SceneDetectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(options);
        return new(
            result.Path,
            DetectorName(options.Detector),
            options.EffectiveThreshold,
            options.MinSceneLength.TotalSeconds,
            result.FrameCount,
            result.Duration,
            Math.Round(result.End, 6),
            TruncationDocument.From(result.Truncation),
            result.Warnings,
            result.Cuts.Count,
            [.. result.Boundaries.Select(SceneBoundaryEntry.From)],
            [.. SceneList.FromCuts(result).Select(s => new SceneEntry(s.Start, s.End, s.StartFrame, s.EndFrame))]);
    }

    /// <summary>The detector's name as the command line and the document spell it.</summary>
    public static string DetectorName(SceneDetectorKind kind) => kind == SceneDetectorKind.Adaptive ? "adaptive" : "content";
}
