using System.Text.Json.Serialization;
using Cuboid.Media.Frames;

namespace Cuboid.Contracts;

/// <summary><c>cuboid keyframes --json</c>: the thumbnails written, one per keyframe kept.</summary>
public sealed record KeyframesDocument(
    IReadOnlyList<KeyframeEntry> Frames,
    TruncationDocument? Truncated,
    IReadOnlyList<string> Warnings) : IContractDocument
{
    /// <summary>The version this build writes.</summary>
    public const int CurrentVersion = 1;

    /// <inheritdoc/>
    [JsonPropertyOrder(-1)] // First, so a reader can check it before anything else.
    public int SchemaVersion { get; init; } = CurrentVersion;

    /// <summary>The document for one preview.</summary>
    public static KeyframesDocument From(KeyframePreviewResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(
            [.. result.Frames.Select(f => new KeyframeEntry(f.Timestamp.TotalSeconds, f.Path, f.Width, f.Height))],
            TruncationDocument.From(result.Truncation),
            result.Warnings);
    }
}
