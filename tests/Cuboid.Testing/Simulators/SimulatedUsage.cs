namespace Cuboid.Testing.Simulators;

/// <summary>
/// The token counts the simulator reports, deterministic so tests can assert exact ledger numbers:
/// input = Σ per message (3 + ⌈characters / 4⌉ + 85 per image + 32 per second of audio, Gemini's audio rate);
/// output = max(1, ⌈reply characters / 4⌉).
/// </summary>
public sealed record SimulatedUsage(int InputTokens, int OutputTokens)
{
    public int TotalTokens => InputTokens + OutputTokens;

    public static int EstimateInput(SimulatedRequest request) =>
        request.Messages.Sum(m => 3 + (m.Text.Length + 3) / 4 + 85 * m.Images.Count + m.Audio.Sum(a => (int)Math.Ceiling(a.Seconds * AudioTokensPerSecond)));

    /// <summary>Tokens per second of audio input, as Gemini counts them.</summary>
    public const int AudioTokensPerSecond = 32;

    public static int EstimateOutput(string reply) => Math.Max(1, (reply.Length + 3) / 4);

    public static SimulatedUsage For(SimulatedRequest request, SimulatedReply reply) =>
        new(reply.InputTokens ?? EstimateInput(request), reply.OutputTokens ?? EstimateOutput(reply.Text));
}
