using Cuboid.Portfolio;

namespace Cuboid.Generation;

/// <summary>One <c>cuboid generate</c>: the prompt, optional first and last frame files, length, size, audio, seed, a pinned model, the policy, whether to wait.</summary>
public sealed record GenerateRequest
{
    public required string Prompt { get; init; }

    public string? FirstFramePath { get; init; }

    public string? LastFramePath { get; init; }

    public int Seconds { get; init; } = 8;

    /// <summary>Exact size; else <see cref="Resolution"/> at <see cref="AspectRatio"/>.</summary>
    public VideoSize? Size { get; init; }

    public string Resolution { get; init; } = "720p";

    public string AspectRatio { get; init; } = "16:9";

    public bool Audio { get; init; }

    public long? Seed { get; init; }

    public string? Model { get; init; }

    public RoutingPolicy Policy { get; init; } = RoutingPolicy.Quality;

    public string? NegativePrompt { get; init; }

    /// <summary>A finished Cuboid job whose video this one extends with the host's native extension (<c>--extend JOB_ID</c>).</summary>
    public string? ExtendJobId { get; init; }
}
