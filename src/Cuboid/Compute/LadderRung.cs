namespace Cuboid.Compute;

/// <summary>One rung of the modality ladder: a workload's plan and its ratios to the first rung (the unit).</summary>
/// <param name="Tokens">The prompt's or the picture's own tokens (a DiT's text tokens not included).</param>
public sealed record LadderRung(string Label, ComputePlan Plan, long Tokens, double FlopsRatio, double SecondsRatio, double TokensRatio);
