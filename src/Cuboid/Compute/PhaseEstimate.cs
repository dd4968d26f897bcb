namespace Cuboid.Compute;

/// <summary>One phase of a workload (LLM prefill or decode, DiT denoising) on one GPU.</summary>
/// <param name="Tokens">Tokens processed in the phase (per forward for a DiT: its sequence length).</param>
/// <param name="AttentionFlops">Attention-core FLOPs (QKᵀ and PV; self plus cross).</param>
/// <param name="Bytes">Bytes read from or written to GPU memory (weights, plus the KV cache when the model is described).</param>
/// <param name="Intensity">FLOPs per byte; below the effective ridge point (at MFU and MBU) the phase is memory-bound.</param>
/// <param name="Bound">The roof that sets <see cref="Seconds"/>: memory-bound when the memory time is the longer.</param>
/// <param name="BoundAtPeak">The bound at peak rates (intensity against the GPU's peak ridge); it differs from
/// <see cref="Bound"/> only near the ridge, e.g. a 200-token prefill on an H100.</param>
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
    Boundedness BoundAtPeak,
    double ComputeSeconds,
    double MemorySeconds,
    double Seconds)
{
    /// <summary>Linear plus attention FLOPs of this phase.</summary>
    public double TotalFlops => LinearFlops + AttentionFlops;
}
