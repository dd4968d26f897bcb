namespace Cuboid.Understanding;

/// <summary>
/// How a native video model bills video input: tokens per sampled frame at a resolution setting, audio
/// tokens per second, and dollars per million input tokens (with a higher tier above a prompt size, as
/// Gemini Pro has). Prices are input-only: the comparison is about what feeding the video costs.
/// </summary>
public sealed record NativeVideoRate(
    string Model,
    string Resolution,
    int TokensPerFrame,
    int AudioTokensPerSecond,
    decimal InputPerMillion,
    decimal AudioPerMillion,
    long ContextWindow,
    string Source,
    double FramesPerSecond = 1.0,
    long? LongPromptThreshold = null,
    decimal? LongPromptInputPerMillion = null);
