namespace Cuboid.Portfolio;

/// <summary>
/// A model's list prices in US dollars. A null field means "not priced this way"; a model with no price
/// for what a call uses is unpriced, and an unpriced model is never routed while a budget is set.
/// </summary>
public sealed record ModelPrices
{
    /// <summary>Dollars per 1M input tokens (text, and images or video converted to tokens).</summary>
    public decimal? InputPerMTok { get; init; }

    /// <summary>Dollars per 1M output tokens.</summary>
    public decimal? OutputPerMTok { get; init; }

    /// <summary>Dollars per minute of audio input (transcription models).</summary>
    public decimal? PerAudioMinute { get; init; }

    /// <summary>Dollars per 1M audio input tokens, for chat models that bill audio as tokens (Gemini: $1.00 on 2.5 Flash).</summary>
    public decimal? AudioInputPerMTok { get; init; }

    /// <summary>Input tokens per second of audio when billed as tokens (default <see cref="DefaultAudioTokensPerSecond"/>, Gemini's published rate).</summary>
    public int? AudioInputTokensPerSecond { get; init; }

    /// <summary>Audio tokens per second of input audio when the catalog gives none (for pricing audio by tokens).</summary>
    public const int DefaultAudioTokensPerSecond = 32;

    /// <summary>Input tokens <paramref name="seconds"/> of audio cost on a model that bills audio as tokens; 0 on any other.</summary>
    public long AudioTokens(double seconds) =>
        AudioInputPerMTok is null || seconds <= 0 ? 0 : (long)Math.Ceiling(seconds * (AudioInputTokensPerSecond ?? DefaultAudioTokensPerSecond));

    /// <summary>Dollars per input image, for models that bill images separately from tokens.</summary>
    public decimal? PerImage { get; init; }

    /// <summary>Dollars per second of generated video (t2v, i2v).</summary>
    public decimal? PerOutputVideoSecond { get; init; }

    /// <summary>Input tokens one image costs, when billed as tokens (estimate used before the call).</summary>
    public int? ImageInputTokens { get; init; }

    /// <summary>Input tokens per second of video for native video models (frames plus audio at the default rate).</summary>
    public int? VideoInputTokensPerSecond { get; init; }

    /// <summary>Overlay merge: every field the overlay sets wins.</summary>
    public ModelPrices MergedWith(ModelPrices? overlay) => overlay is null ? this : new ModelPrices
    {
        InputPerMTok = overlay.InputPerMTok ?? InputPerMTok,
        OutputPerMTok = overlay.OutputPerMTok ?? OutputPerMTok,
        PerAudioMinute = overlay.PerAudioMinute ?? PerAudioMinute,
        AudioInputPerMTok = overlay.AudioInputPerMTok ?? AudioInputPerMTok,
        AudioInputTokensPerSecond = overlay.AudioInputTokensPerSecond ?? AudioInputTokensPerSecond,
        PerImage = overlay.PerImage ?? PerImage,
        PerOutputVideoSecond = overlay.PerOutputVideoSecond ?? PerOutputVideoSecond,
        ImageInputTokens = overlay.ImageInputTokens ?? ImageInputTokens,
        VideoInputTokensPerSecond = overlay.VideoInputTokensPerSecond ?? VideoInputTokensPerSecond,
    };
}
