namespace Cuboid.Understanding;

/// <summary>The run's budget (<c>--budget</c> or config) next to the plan's estimate: <see cref="Exceeded"/> when the run would stop early.</summary>
public sealed record PlanBudget(decimal Dollars, bool Exceeded);
