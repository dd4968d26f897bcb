namespace Cuboid.Portfolio;

/// <summary>Money held back for one call; settle it exactly once with what the call actually cost (0 when it failed).</summary>
public sealed class BudgetReservation
{
    private readonly RunBudget _budget;
    private int _settled;

    internal BudgetReservation(RunBudget budget, decimal amount)
    {
        _budget = budget;
        Amount = amount;
    }

    public decimal Amount { get; }

    public void Settle(decimal actual)
    {
        if (Interlocked.Exchange(ref _settled, 1) == 0)
        {
            _budget.Settle(this, actual);
        }
    }
}
