using System.Text.Json.Serialization;
using Cuboid.Media.Frames;

namespace Cuboid.Contracts;

/// <summary><c>cuboid frames --json</c>: the images written and how they were cut.</summary>
/// <param name="Method"><c>single-pass</c> or <c>seek-per-frame</c>.</param>
public sealed record FramesDocument(
    string Method,
    IReadOnlyList<FrameEntry> Frames,
    TruncationDocument? Truncated,
    IReadOnlyList<string> Warnings) : IContractDocument
{
    /// <summary>The version this build writes.</summary>
    public const int CurrentVersion = 1;

    /// <inheritdoc/>
    [JsonPropertyOrder(-1)] // First, so a reader can check it before anything else.
    public int SchemaVersion { get; init; } = CurrentVersion;

    /// <summary>The document for one export.</summary>
    public static FramesDocument From(FrameExportResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(
            result.Method == FrameExportMethod.SinglePass ? "single-pass" : "seek-per-frame",
            [.. result.Frames.Select(f => new FrameEntry(f.Timestamp.TotalSeconds, f.Requested.TotalSeconds, f.Path, f.Width, f.Height))],
            TruncationDocument.From(result.Truncation),
            result.Warnings);
    }
}
