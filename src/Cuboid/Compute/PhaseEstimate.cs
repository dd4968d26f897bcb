namespace Cuboid.Compute;

/// <summary>One phase of a workload (LLM prefill or decode, DiT denoising) on one GPU.</summary>
/// <param name="Tokens">Tokens processed in the phase (per forward for a DiT: its sequence length).</param>
/// <param name="AttentionFlops">Attention-core FLOPs (QKᵀ and PV; self plus cross).</param>
/// <param name="Bytes">Bytes read from or written to GPU memory (weights, plus the KV cache when the model is described).</param>
/// <param name="Intensity">FLOPs per byte; below the ridge point the phase is memory-bound.</param>
/// <param name="ComputeSeconds">FLOPs / (dense peak × MFU).</param>
/// <param name="MemorySeconds">Bytes / (bandwidth × memory utilisation).</param>
/// <param name="Seconds">The larger of the two: the roof that binds.</param>
public sealed record PhaseEstimate(
    string Name,
    long Tokens,
    double LinearFlops,
    double AttentionFlops,
    double Bytes,
    double Intensity,
    Boundedness Bound,
    double ComputeSeconds,
    double MemorySeconds,
    double Seconds)
{
    public double TotalFlops => LinearFlops + AttentionFlops;
}
