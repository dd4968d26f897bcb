namespace Cuboid.Generation.Jobs;

/// <summary>One output kept in the store: where, its SHA-256, and what the media engine measured in it.</summary>
public sealed record VideoJobOutput
{
    /// <summary>Position among the job's outputs, from 0.</summary>
    public required int Index { get; init; }

    /// <summary>The kept MP4 file's full path in the job store.</summary>
    public required string Path { get; init; }

    /// <summary>SHA-256 of the file, lowercase hex.</summary>
    public required string Sha256 { get; init; }

    /// <summary>File size in bytes.</summary>
    public long Bytes { get; init; }

    /// <summary>Display width in pixels, as probed.</summary>
    public int Width { get; init; }

    /// <summary>Display height in pixels, as probed.</summary>
    public int Height { get; init; }

    /// <summary>Length in seconds, as probed.</summary>
    public double Seconds { get; init; }

    /// <summary>Frames per second, as probed.</summary>
    public double FramesPerSecond { get; init; }

    /// <summary>Whether the file has an audio stream.</summary>
    public bool HasAudio { get; init; }

    /// <summary>
    /// The host's own URL or URI of this output when it gave one (a CDN URL on fal and Replicate, a file URI on Veo), kept
    /// so a later job can extend the video by reference; it may expire at the host (an hour on Replicate).
    /// </summary>
    public Uri? HostUri { get; init; }
}
