namespace Cuboid.Generation.Jobs;

/// <summary>One output kept in the store: where, its SHA-256, and what the media engine measured in it.</summary>
public sealed record VideoJobOutput
{
    public required int Index { get; init; }

    public required string Path { get; init; }

    public required string Sha256 { get; init; }

    public long Bytes { get; init; }

    public int Width { get; init; }

    public int Height { get; init; }

    public double Seconds { get; init; }

    public double FramesPerSecond { get; init; }

    public bool HasAudio { get; init; }

    /// <summary>
    /// The host's own URL or URI of this output when it gave one (a CDN URL on fal and Replicate, a file URI on Veo), kept
    /// so a later job can extend the video by reference; it may expire at the host (an hour on Replicate).
    /// </summary>
    public Uri? HostUri { get; init; }
}
