using Cuboid.Understanding.Reports;

namespace Cuboid.Understanding;

/// <summary>
/// Published native-video token rates and prices (ai.google.dev video-understanding, tokens,
/// media-resolution and pricing pages; Vertex AI for Gemini 3; gathered November 2026). Used when the
/// catalog carries no video-input rates of its own.
/// </summary>
internal static class NativeVideoRates
{
    private const string Published = "published rates, Nov 2026";

    public static IReadOnlyList<NativeVideoRate> Default { get; } =
    [
        new("gemini:gemini-2.5-flash", "default", 258, 32, 0.30m, 1.00m, 1_048_576, Published),
        new("gemini:gemini-2.5-flash", "low", 66, 32, 0.30m, 1.00m, 1_048_576, Published),
        new("gemini:gemini-2.5-pro", "default", 258, 32, 1.25m, 1.25m, 1_048_576, Published, LongPromptThreshold: 200_000, LongPromptInputPerMillion: 2.50m),
        new("gemini:gemini-2.5-pro", "low", 66, 32, 1.25m, 1.25m, 1_048_576, Published, LongPromptThreshold: 200_000, LongPromptInputPerMillion: 2.50m),
        new("gemini:gemini-3-flash", "default", 70, 32, 0.50m, 1.00m, 1_048_576, Published + " (audio price assumed)"),
    ];

    /// <summary>
    /// Prices the whole video sent at the rate's frame rate. A video longer than the context window is
    /// split into equal calls; the per-call prompt size decides the price tier.
    /// </summary>
    public static NativeVideoQuote Quote(NativeVideoRate rate, double durationSeconds, bool hasAudio)
    {
        var seconds = Math.Max(0, durationSeconds);
        var frames = (long)Math.Ceiling(seconds * rate.FramesPerSecond);
        var videoTokens = frames * rate.TokensPerFrame;
        var audioTokens = hasAudio ? (long)Math.Ceiling(seconds * rate.AudioTokensPerSecond) : 0;
        var tokens = videoTokens + audioTokens;
        var calls = Math.Max(1, (int)Math.Ceiling(tokens / (double)rate.ContextWindow));
        var perCall = tokens / calls;
        var tier = rate.LongPromptThreshold is { } threshold && perCall > threshold;
        var videoPrice = tier ? rate.LongPromptInputPerMillion ?? rate.InputPerMillion : rate.InputPerMillion;
        var audioPrice = tier ? Math.Max(rate.AudioPerMillion, videoPrice) : rate.AudioPerMillion;
        var dollars = (videoTokens * videoPrice + audioTokens * audioPrice) / 1_000_000m;
        return new NativeVideoQuote(rate.Model, rate.Resolution, rate.TokensPerFrame, rate.FramesPerSecond,
            hasAudio ? rate.AudioTokensPerSecond : 0, tokens, calls, Math.Round(dollars, 4), rate.Source);
    }

    public static IReadOnlyList<NativeVideoQuote> Compare(IEnumerable<NativeVideoRate> rates, double durationSeconds, bool hasAudio) =>
        [.. rates.Select(r => Quote(r, durationSeconds, hasAudio))];
}
