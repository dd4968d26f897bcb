using Microsoft.Extensions.AI;

namespace Cuboid.Generation;

/// <summary>
/// What to generate: the prompt and the pictures or video it starts from. How (length, size, seed, audio)
/// is in <see cref="VideoGenerationOptions"/>, as Microsoft.Extensions.AI splits requests from options.
/// </summary>
public sealed record VideoGenerationRequest
{
    /// <summary>A request to make a video of <paramref name="prompt"/>.</summary>
    public VideoGenerationRequest(string prompt) => Prompt = prompt;

    /// <summary>What the video should show.</summary>
    public string Prompt { get; init; }

    /// <summary>What it should not show; null for none.</summary>
    public string? NegativePrompt { get; init; }

    /// <summary>The first frame (image-to-video).</summary>
    public DataContent? FirstFrame { get; init; }

    /// <summary>The last frame, for models that can end on a given picture.</summary>
    public DataContent? LastFrame { get; init; }

    /// <summary>Subject or style references (not frames of the video).</summary>
    public IReadOnlyList<DataContent> ReferenceImages { get; init; } = [];

    /// <summary>An earlier video to extend, by the URL or URI its host gave (Veo's file URI, a fal or Replicate CDN URL).</summary>
    public Uri? SourceVideo { get; init; }

    /// <summary>The host's own id of an earlier video to extend, for hosts that extend by id (the OpenAI Videos shape).</summary>
    public string? SourceVideoId { get; init; }
}
