using Cuboid.Spacetime;

namespace Cuboid.Compute;

/// <summary>What a workload costs on one GPU: tokens, FLOPs (linear and attention), bytes, roofline, time and money.</summary>
/// <param name="Description">The workload in words, e.g. "wan2.1-t2v-14b 1280×720, 81 frames, 50 steps × 2 passes".</param>
/// <param name="Tokens">Tokens the workload processes (for a DiT, the self-attention sequence of one forward).</param>
/// <param name="Forwards">Transformer forwards (DiT: steps × passes; LLM: 1 prefill + decode steps).</param>
/// <param name="Clip">For a diffusion workload, how its family tokenises the clip.</param>
/// <param name="Dollars">Null when no $/GPU-hour was given.</param>
public sealed record ComputePlan(
    string Description,
    long Tokens,
    long Forwards,
    TokenCount? Clip,
    IReadOnlyList<PhaseEstimate> Phases,
    PlanAssumptions Assumptions,
    double Seconds,
    double? Dollars)
{
    /// <summary>FLOPs of the matrix multiplications over every phase (2 per parameter per token).</summary>
    public double LinearFlops => Phases.Sum(p => p.LinearFlops);

    /// <summary>FLOPs of attention (score and value products) over every phase.</summary>
    public double AttentionFlops => Phases.Sum(p => p.AttentionFlops);

    /// <summary>Linear plus attention FLOPs: the workload's whole arithmetic.</summary>
    public double TotalFlops => LinearFlops + AttentionFlops;

    /// <summary>Bytes moved through GPU memory over every phase (weights, activations, KV cache).</summary>
    public double Bytes => Phases.Sum(p => p.Bytes);

    /// <summary>FLOPs per byte over the whole workload.</summary>
    public double Intensity => TotalFlops / Bytes;

    /// <summary>The GPU's ridge point at peak rates.</summary>
    public double Ridge => Assumptions.Ridge;

    /// <summary>The ridge point at the assumed MFU and MBU; it decides <see cref="Bound"/>.</summary>
    public double EffectiveRidge => Assumptions.EffectiveRidge;

    /// <summary>The bound of the phase that takes the most time.</summary>
    public Boundedness Bound => Phases.MaxBy(p => p.Seconds)!.Bound;

    /// <summary>The plan's GPU time in hours (on one GPU), the unit cloud prices use.</summary>
    public double GpuHours => Seconds / 3600;

    /// <summary>Share of attention in the FLOPs.</summary>
    public double AttentionShare => AttentionFlops / TotalFlops;
}
