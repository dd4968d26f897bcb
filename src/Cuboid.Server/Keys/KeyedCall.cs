using Cuboid.Portfolio;
using Cuboid.Server.Gateway;

namespace Cuboid.Server.Keys;

/// <summary>
/// One call's hold on its key's budget: the reservation and the ledger records of the call. <see cref="Settle()"/>
/// (exactly once, also when the call failed) frees the reservation, charges what the models cost and books it.
/// </summary>
public sealed class KeyedCall(KeyBudgets budgets, Caller caller, string task, DateOnly periodStart, BudgetReservation? reservation, RequestSpend spend)
{
    private int _settled;

    public string Task { get; } = task;

    public RequestSpend Spend { get; } = spend;

    /// <summary>Settles with the ledger records this call's flow wrote (model calls through the portfolio).</summary>
    public void Settle() => Settle(Spend.Records);

    /// <summary>Settles with records booked elsewhere (a video job, finished in the background).</summary>
    public void Settle(IReadOnlyList<UsageRecord> records)
    {
        if (Interlocked.Exchange(ref _settled, 1) != 0)
        {
            return;
        }

        reservation?.Settle(records.Sum(r => r.Dollars));
        budgets.Book(caller, periodStart, records);
    }
}
