using System.Text.Json.Serialization;
using Cuboid.Media.Audio;

namespace Cuboid.Contracts;

/// <summary><c>cuboid audio --json</c>: the WAV written and where its speech-like activity and silences are.</summary>
/// <param name="HasAudio">False when the file has no audio stream (nothing is written).</param>
/// <param name="Wav">The 16 kHz mono WAV written, or null.</param>
public sealed record AudioDocument(
    bool HasAudio,
    string? Wav,
    double FromSeconds,
    double DurationSeconds,
    int SampleRate,
    IReadOnlyList<TimeRangeEntry> Activity,
    IReadOnlyList<TimeRangeEntry> Silences,
    TruncationDocument? Truncated,
    IReadOnlyList<string> Warnings) : IContractDocument
{
    /// <summary>The version this build writes.</summary>
    public const int CurrentVersion = 1;

    /// <inheritdoc/>
    [JsonPropertyOrder(-1)] // First, so a reader can check it before anything else.
    public int SchemaVersion { get; init; } = CurrentVersion;

    /// <summary>The document for one extraction.</summary>
    public static AudioDocument From(AudioExtraction result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(
            result.HasAudio,
            result.WavPath,
            result.From.TotalSeconds,
            result.Duration.TotalSeconds,
            result.SampleRate,
            [.. result.Activity.Select(TimeRangeEntry.From)],
            [.. result.Silences.Select(TimeRangeEntry.From)],
            TruncationDocument.From(result.Truncation),
            result.Warnings);
    }
}
