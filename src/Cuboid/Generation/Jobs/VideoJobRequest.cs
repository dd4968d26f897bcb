namespace Cuboid.Generation.Jobs;

/// <summary>The request as the job keeps it: what was asked, so the delivered video can be checked against it and the job resumed.</summary>
public sealed record VideoJobRequest
{
    public required string Prompt { get; init; }

    public string? NegativePrompt { get; init; }

    public int Seconds { get; init; }

    public VideoSize Size { get; init; }

    public int? FramesPerSecond { get; init; }

    public bool Audio { get; init; }

    public long? Seed { get; init; }

    /// <summary>The first frame's file, when one was given.</summary>
    public string? FirstFrame { get; init; }

    public string? LastFrame { get; init; }

    /// <summary>The Cuboid job whose video this job extends (<c>generate --extend</c>), when it is an extension.</summary>
    public string? Extends { get; init; }
}
