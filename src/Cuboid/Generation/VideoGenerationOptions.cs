namespace Cuboid.Generation;

/// <summary>How to generate: the host's model, length, size, frame rate, seed and audio. Unset means the host's default.</summary>
public sealed record VideoGenerationOptions
{
    /// <summary>The host's own model or endpoint id (<c>fal-ai/veo3.1</c>, <c>veo-3.1-fast-generate-preview</c>).</summary>
    public string? ModelId { get; init; }

    /// <summary>Clip length in seconds; null for the host's default.</summary>
    public int? Seconds { get; init; }

    /// <summary>Exact size; when null, <see cref="Resolution"/> and <see cref="AspectRatio"/> describe it.</summary>
    public VideoSize? Size { get; init; }

    /// <summary><c>720p</c>, <c>1080p</c>, ...</summary>
    public string? Resolution { get; init; }

    /// <summary><c>16:9</c>, <c>9:16</c>, ...</summary>
    public string? AspectRatio { get; init; }

    /// <summary>Frame rate; null for the host's default.</summary>
    public int? FramesPerSecond { get; init; }

    /// <summary>A seed for reproducible output, where the host honours one.</summary>
    public long? Seed { get; init; }

    /// <summary>Whether to generate a soundtrack; null for the host's default.</summary>
    public bool? GenerateAudio { get; init; }

    /// <summary>Where the host should call back when the job moves (fal's <c>fal_webhook</c>, Replicate's <c>webhook</c>); hosts without callbacks ignore it.</summary>
    public Uri? WebhookUrl { get; init; }

    /// <summary>Host-specific fields passed as they are (fal's <c>safety_tolerance</c>, Replicate's <c>go_fast</c>).</summary>
    public IReadOnlyDictionary<string, object?>? AdditionalProperties { get; init; }

    /// <summary>The size to ask for: <see cref="Size"/>, else the resolution at the aspect ratio (16:9 by default), else null.</summary>
    public VideoSize? EffectiveSize =>
        Size ?? (Resolution is { } resolution ? VideoSize.FromResolution(resolution, AspectRatio ?? "16:9") : null);
}
