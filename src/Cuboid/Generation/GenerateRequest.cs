using Cuboid.Portfolio;

namespace Cuboid.Generation;

/// <summary>One <c>cuboid generate</c>: the prompt, optional first and last frame files, length, size, audio, seed, a pinned model, the policy, whether to wait.</summary>
public sealed record GenerateRequest
{
    /// <summary>What the video should show.</summary>
    public required string Prompt { get; init; }

    /// <summary>A PNG, JPEG or WebP file to start from (image-to-video); null for text-to-video.</summary>
    public string? FirstFramePath { get; init; }

    /// <summary>A PNG, JPEG or WebP file to end on, for routes that can; null for none.</summary>
    public string? LastFramePath { get; init; }

    /// <summary>Clip length in seconds (8 by default); routes that cannot make it are skipped.</summary>
    public int Seconds { get; init; } = 8;

    /// <summary>Exact size; else <see cref="Resolution"/> at <see cref="AspectRatio"/>.</summary>
    public VideoSize? Size { get; init; }

    /// <summary>Resolution name (<c>720p</c> by default) when <see cref="Size"/> is null.</summary>
    public string Resolution { get; init; } = "720p";

    /// <summary>Aspect ratio (<c>16:9</c> by default) when <see cref="Size"/> is null.</summary>
    public string AspectRatio { get; init; } = "16:9";

    /// <summary>Ask for a soundtrack; only routes with audio are tried, at their audio price.</summary>
    public bool Audio { get; init; }

    /// <summary>A seed for routes that honour one; null to let the host choose.</summary>
    public long? Seed { get; init; }

    /// <summary>A canonical model id (<c>google:veo-3.1-fast</c>) to pin; null lets <see cref="Policy"/> choose.</summary>
    public string? Model { get; init; }

    /// <summary>How to order the candidate routes: by decayed rating (the default), price or latency.</summary>
    public RoutingPolicy Policy { get; init; } = RoutingPolicy.Quality;

    /// <summary>What the video should not show, for routes that take a negative prompt.</summary>
    public string? NegativePrompt { get; init; }

    /// <summary>A finished Cuboid job whose video this one extends with the host's native extension (<c>--extend JOB_ID</c>).</summary>
    public string? ExtendJobId { get; init; }
}
