using Cuboid.Portfolio;
using Cuboid.Server.Store;

namespace Cuboid.Server.Keys;

/// <summary>
/// One call's hold on its key's budget and its own run (the library's <see cref="RunScope"/>: budget capped at the hold,
/// and the ledger of every model tried). <see cref="Settle()"/> (exactly once, also when the call failed) frees the
/// hold, charges what the models cost and books it.
/// </summary>
public sealed class KeyedCall(KeyBudgets budgets, Caller caller, string task, DateOnly periodStart, string? holdId, RunScope run)
{
    private int _settled;

    public string Task { get; } = task;

    /// <summary>The hold this call keeps on its key (null: none), for a queued step that settles it in another process.</summary>
    internal string? HoldId => holdId;

    /// <summary>The key period the hold and the spend belong to.</summary>
    internal DateOnly PeriodStart => periodStart;

    public RunScope Run { get; } = run;

    /// <summary>What the call cost so far, from catalog prices: the sum of its run's ledger.</summary>
    public decimal Dollars => Run.Ledger.Total().Dollars;

    /// <summary>The ledger record of the model that answered (the last one that succeeded), if any.</summary>
    public UsageRecord? Answered => Run.Ledger.Records.LastOrDefault(r => r.Outcome == CallOutcome.Succeeded);

    /// <summary>Settles with the records of this call's run (model calls through the router).</summary>
    public void Settle() => Settle(Run.Ledger.Records);

    /// <summary>Settles with records booked elsewhere (a video job, finished in the background).</summary>
    public void Settle(IReadOnlyList<UsageRecord> records)
    {
        if (Interlocked.Exchange(ref _settled, 1) != 0)
        {
            return;
        }

        budgets.Book(caller, periodStart, holdId, records);
    }

    /// <summary>
    /// Settles by handing back what to write instead of writing it (null: nothing to write), for a store that writes it
    /// in one transaction with something else (a step's booking, <see cref="Batches.StepBooking"/>). Once, like <see cref="Settle()"/>.
    /// </summary>
    internal SpendSettle? TakeSettle(IReadOnlyList<UsageRecord> records) =>
        Interlocked.Exchange(ref _settled, 1) != 0 ? null : budgets.SettleOf(caller, periodStart, holdId, records);
}
