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
}
