namespace Cuboid.Compute;

/// <summary>
/// A dense decoder-only LLM request: prefill <see cref="PromptTokens"/>, then decode <see cref="OutputTokens"/>,
/// for <see cref="Batch"/> sequences at once. With <see cref="Layers"/> and <see cref="AttentionWidth"/> the
/// attention term (2·layers·context·d_attn per token) and KV-cache traffic are counted too; without them they are left out
/// (under 1% at a few hundred tokens of context).
/// </summary>
public sealed record LlmWorkload(double Parameters, long PromptTokens, long OutputTokens, int Batch = 1)
{
    /// <summary>A display name for reports.</summary>
    public string Name { get; init; } = "LLM";

    /// <summary>Transformer layers; with <see cref="AttentionWidth"/> it adds the attention term and KV-cache traffic. Null leaves them out.</summary>
    public int? Layers { get; init; }

    /// <summary>Attention width d_attn (heads × head dimension).</summary>
    public int? AttentionWidth { get; init; }

    /// <summary>Width of the cached K (and of V) per layer: KV heads × head dimension; defaults to <see cref="AttentionWidth"/>.</summary>
    public int? KvWidth { get; init; }
}
