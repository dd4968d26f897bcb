using System.Text.Json.Serialization;
using Cuboid.Media.Probe;

namespace Cuboid.Contracts;

/// <summary><c>cuboid probe --json</c>: what ffprobe says about a file.</summary>
public sealed record ProbeDocument(
    string Path,
    string Container,
    double DurationSeconds,
    double StartTimeSeconds,
    long SizeBytes,
    long? BitRate,
    bool HasVideo,
    bool HasAudio,
    ProbeVideoStream? Video,
    IReadOnlyList<ProbeAudioStream> Audio) : IContractDocument
{
    /// <summary>The version this build writes.</summary>
    public const int CurrentVersion = 1;

    /// <inheritdoc/>
    [JsonPropertyOrder(-1)] // First, so a reader can check it before anything else.
    public int SchemaVersion { get; init; } = CurrentVersion;

    /// <summary>The document for a probed file.</summary>
    public static ProbeDocument From(VideoInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        return new(
            info.Path,
            info.Container,
            info.Duration.TotalSeconds,
            info.StartTime.TotalSeconds,
            info.SizeBytes,
            info.BitRate,
            info.HasVideo,
            info.HasAudio,
            info.Video is { } video ? ProbeVideoStream.From(video) : null,
            [.. info.AudioStreams.Select(ProbeAudioStream.From)]);
    }
}
