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

    /// <summary>Dollars held back for the call (its price at the full output cap).</summary>
    public decimal Amount { get; }

    /// <summary>Releases the reservation and books <paramref name="actual"/> dollars as spent (0 when the call failed); only the first settle counts.</summary>
    public void Settle(decimal actual)
    {
        if (Interlocked.Exchange(ref _settled, 1) == 0)
        {
            _budget.Settle(this, actual);
        }
    }
}
