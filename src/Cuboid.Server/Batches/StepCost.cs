using Cuboid.Portfolio;

namespace Cuboid.Server.Batches;

/// <summary>What one step cost: its dollars and the ledger records booked on the batch's key.</summary>
public sealed record StepCost(decimal Dollars, IReadOnlyList<UsageRecord> Records)
{
    public static StepCost None { get; } = new(0m, []);
}
