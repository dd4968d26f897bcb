namespace Cuboid.Understanding;

/// <summary>
/// The run's budget (<c>--budget</c> or config) next to the plan's estimate: <see cref="Exceeded"/> when the expected
/// price is over it (the run would stop early); <see cref="WorstCaseFits"/> when even the worst case is within it (the
/// budget can never stop the run on the planned models).
/// </summary>
public sealed record PlanBudget(decimal Dollars, bool Exceeded, bool WorstCaseFits);
