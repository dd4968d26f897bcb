namespace Cuboid.Understanding.Reports;

/// <summary>
/// The input cost of sending the whole video to one native video model at its published token rates:
/// <see cref="Calls"/> is more than one when the video does not fit the model's context window.
/// </summary>
public sealed record NativeVideoQuote(string Model, string Resolution, int TokensPerFrame, double FramesPerSecond, int AudioTokensPerSecond, long Tokens, int Calls, decimal Dollars, string Source);
