using System.Globalization;
using System.Text.Json.Nodes;

namespace Cuboid.Generation.Providers;

/// <summary>
/// How one endpoint names its inputs, kept as catalog data rather than a class per model (the failure of gateways that
/// hand-write 15 of 200 fal endpoints): each property is the endpoint's field name for that input, or null when the
/// endpoint has no such field. <see cref="DurationFormat"/> says how it spells seconds: <c>int</c> (8), <c>string</c>
/// ("8") or <c>seconds</c> ("8s").
/// </summary>
internal sealed record VideoInputMap
{
    /// <summary>The mapping most fal and Replicate video endpoints use.</summary>
    public static VideoInputMap Default { get; } = new();

    public string? Prompt { get; init; } = "prompt";

    public string? NegativePrompt { get; init; } = "negative_prompt";

    public string? Duration { get; init; } = "duration";

    public string DurationFormat { get; init; } = "int";

    public string? Resolution { get; init; } = "resolution";

    public string? AspectRatio { get; init; } = "aspect_ratio";

    /// <summary>An exact <c>WxH</c> size field, for endpoints that take one.</summary>
    public string? Size { get; init; }

    public string? FramesPerSecond { get; init; }

    public string? Seed { get; init; } = "seed";

    public string? Audio { get; init; } = "generate_audio";

    public string? FirstFrame { get; init; } = "image_url";

    public string? LastFrame { get; init; } = "end_image_url";

    public string? ReferenceImages { get; init; }

    /// <summary>The URL of a video to extend or continue (fal's Wan 2.7 and Veo extend endpoints: <c>video_url</c>).</summary>
    public string? SourceVideo { get; init; } = "video_url";

    /// <summary>The endpoint's input object for this request; images go as data URIs.</summary>
    public JsonObject Build(VideoGenerationRequest request, VideoGenerationOptions options)
    {
        var input = new JsonObject();
        Set(input, Prompt, request.Prompt);
        Set(input, NegativePrompt, request.NegativePrompt);
        if (options.Seconds is { } seconds && Duration is { } duration)
        {
            input[duration] = DurationFormat switch
            {
                "string" => JsonValue.Create(seconds.ToString(CultureInfo.InvariantCulture)),
                "seconds" => JsonValue.Create(string.Create(CultureInfo.InvariantCulture, $"{seconds}s")),
                _ => JsonValue.Create(seconds),
            };
        }

        var size = options.EffectiveSize;
        if (Size is not null && size is { } exact)
        {
            Set(input, Size, exact.ToString());
        }
        else
        {
            Set(input, Resolution, options.Resolution ?? size?.Resolution);
            Set(input, AspectRatio, options.AspectRatio ?? size?.AspectRatio);
        }

        Set(input, FramesPerSecond, options.FramesPerSecond);
        Set(input, Seed, options.Seed);
        Set(input, Audio, options.GenerateAudio);
        Set(input, FirstFrame, request.FirstFrame?.Uri);
        Set(input, LastFrame, request.LastFrame?.Uri);
        Set(input, SourceVideo, request.SourceVideo?.ToString());
        if (ReferenceImages is { } references && request.ReferenceImages.Count > 0)
        {
            input[references] = new JsonArray([.. request.ReferenceImages.Select(r => JsonValue.Create(r.Uri))]);
        }

        foreach (var (name, value) in options.AdditionalProperties ?? new Dictionary<string, object?>())
        {
            input[name] = value is null ? null : JsonValue.Create(value);
        }

        return input;
    }

    private static void Set<T>(JsonObject input, string? field, T? value)
    {
        if (field is not null && value is not null)
        {
            input[field] = JsonValue.Create(value);
        }
    }
}
