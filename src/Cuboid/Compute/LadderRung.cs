namespace Cuboid.Compute;

/// <summary>One rung of the modality ladder: a workload's plan and its ratios to the first rung (the unit).</summary>
public sealed record LadderRung(string Label, ComputePlan Plan, double FlopsRatio, double SecondsRatio, double TokensRatio);
