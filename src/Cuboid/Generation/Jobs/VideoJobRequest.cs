namespace Cuboid.Generation.Jobs;

/// <summary>The request as the job keeps it: what was asked, so the delivered video can be checked against it and the job resumed.</summary>
public sealed record VideoJobRequest
{
    /// <summary>What the video should show.</summary>
    public required string Prompt { get; init; }

    /// <summary>What it should not show; null for none.</summary>
    public string? NegativePrompt { get; init; }

    /// <summary>Clip length asked for, in seconds.</summary>
    public int Seconds { get; init; }

    /// <summary>Frame size asked for.</summary>
    public VideoSize Size { get; init; }

    /// <summary>Frame rate asked for; null for the host's.</summary>
    public int? FramesPerSecond { get; init; }

    /// <summary>Whether a soundtrack was asked for.</summary>
    public bool Audio { get; init; }

    /// <summary>The seed sent; null when the host chose.</summary>
    public long? Seed { get; init; }

    /// <summary>The first frame's file, when one was given.</summary>
    public string? FirstFrame { get; init; }

    /// <summary>The last frame's file, when one was given.</summary>
    public string? LastFrame { get; init; }

    /// <summary>The Cuboid job whose video this job extends (<c>generate --extend</c>), when it is an extension.</summary>
    public string? Extends { get; init; }
}
