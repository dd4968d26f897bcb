using Cuboid.Portfolio;
using Cuboid.Server.Gateway;

namespace Cuboid.Server.Keys;

/// <summary>
/// One call's hold on its key's budget: the reservation and the ledger records of the call. <see cref="Settle"/>
/// (exactly once, also when the call failed) frees the reservation, charges what the models cost and books it.
/// </summary>
public sealed class KeyedCall(KeyBudgets budgets, Caller caller, string task, DateOnly periodStart, BudgetReservation? reservation, RequestSpend spend)
{
    private int _settled;

    public string Task { get; } = task;

    public RequestSpend Spend { get; } = spend;

    public void Settle()
    {
        if (Interlocked.Exchange(ref _settled, 1) != 0)
        {
            return;
        }

        reservation?.Settle(Spend.Dollars);
        budgets.Book(caller, periodStart, Spend);
    }
}
