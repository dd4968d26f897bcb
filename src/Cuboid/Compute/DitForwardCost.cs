using Cuboid.Spacetime;

namespace Cuboid.Compute;

/// <summary>
/// FLOPs of one diffusion-transformer forward (docs/ARCHITECTURE.md, Compute): linear layers
/// 2 · (linear parameters per layer) · layers · sequence, self/joint attention 4 · layers · sequence² · d,
/// cross-attention core 4 · layers · video tokens · text tokens · d.
/// </summary>
internal sealed record DitForwardCost(long SequenceTokens, double LinearFlops, double SelfAttentionFlops, double CrossAttentionFlops)
{
    public double AttentionFlops => SelfAttentionFlops + CrossAttentionFlops;

    public double TotalFlops => LinearFlops + AttentionFlops;

    /// <summary>Linear FLOPs per token (the "GF/tok" of the reference table, in FLOPs).</summary>
    public double LinearFlopsPerToken => LinearFlops / SequenceTokens;

    /// <summary>Share of self-attention in the forward.</summary>
    public double SelfAttentionShare => SelfAttentionFlops / TotalFlops;

    public static DitForwardCost For(ModelFamily family, TokenCount count)
    {
        ArgumentNullException.ThrowIfNull(family);
        ArgumentNullException.ThrowIfNull(count);
        double n = count.SequenceTokens;
        double layers = family.Layers;
        double d = family.HiddenSize;
        var linear = 2 * family.LinearParametersPerLayer * layers * n;
        var self = 4 * layers * n * n * d;
        var cross = family.Attention == AttentionKind.Cross ? 4 * layers * count.VideoTokens * (double)family.TextTokens * d : 0;
        return new DitForwardCost(count.SequenceTokens, linear, self, cross);
    }
}
