using Cuboid.Portfolio;
using Cuboid.Server.Gateway;
using Cuboid.Server.Store;

namespace Cuboid.Server.Keys;

/// <summary>
/// Holds and settles spend on virtual keys. The store is the one source of truth (<see cref="IGatewayStore.TryHold"/>):
/// a call holds its worst-case estimate on its key's period before any model is asked, atomically against every other
/// call (of every process sharing a PostgreSQL store), so concurrent calls cannot overspend a key; settling releases the hold and
/// books what the ledger says the call cost.
/// </summary>
public sealed class KeyBudgets(IGatewayStore store, GatewayModels models, TimeProvider time)
{
    /// <summary>How long a model call's hold counts if its process dies before settling it (longer than any call or stream).</summary>
    public static readonly TimeSpan CallHoldLifetime = TimeSpan.FromHours(1);

    /// <summary>How long a video job's or an analysis's hold counts if its process dies before settling it.</summary>
    public static readonly TimeSpan WorkHoldLifetime = TimeSpan.FromDays(2);

    /// <summary>
    /// Reserves a model call's estimate on the caller's key (nothing for the admin) and begins the call's run, whose
    /// budget is capped at that hold. Throws a Budget <see cref="CuboidException"/> when it does not fit.
    /// </summary>
    public KeyedCall Reserve(Caller caller, string task, RoutePlan plan)
    {
        // The most expensive candidate: the router may fall over to it, and the hold must cover that.
        var estimate = plan.Candidates.Count == 0 ? 0m : plan.Candidates.Max(c => c.EstimatedCost);
        return Reserve(caller, task, estimate, models.BeginRun(caller.Key?.Budget is null ? null : estimate), CallHoldLifetime);
    }

    /// <summary>
    /// Reserves <paramref name="estimate"/> dollars on the caller's key for work that books its cost itself (a video job,
    /// an analysis); see <see cref="Reserve(Caller, string, RoutePlan)"/>.
    /// </summary>
    /// <param name="holdLifetime">How long the hold counts if the process dies first; <see cref="WorkHoldLifetime"/> by default.</param>
    public KeyedCall Reserve(Caller caller, string task, decimal estimate, TimeSpan? holdLifetime = null) =>
        Reserve(caller, task, estimate, new RunScope(), holdLifetime ?? WorkHoldLifetime);

    private KeyedCall Reserve(Caller caller, string task, decimal estimate, RunScope run, TimeSpan lifetime)
    {
        if (caller.Key is not { } key)
        {
            return new KeyedCall(this, caller, task, default, null, run);
        }

        var now = time.GetUtcNow();
        var start = KeyPeriods.Start(key.Period, now);
        if (key.Budget is not { } limit)
        {
            // No budget: nothing to hold; the spend is still booked when the call settles.
            return new KeyedCall(this, caller, task, start, null, run);
        }

        var hold = store.TryHold(key.Id, start, limit, estimate, now, now + lifetime);
        if (!hold.Held)
        {
            throw new CuboidException(ErrorKind.Budget,
                $"key {key.Id} has {RoutePlanner.Dollars(hold.Remaining)} left this {key.Period.ToString().ToLowerInvariant()} and this {task} call may cost up to {RoutePlanner.Dollars(estimate)}");
        }

        return new KeyedCall(this, caller, task, start, hold.HoldId, run);
    }

    /// <summary>
    /// A call whose reservation was lost (a video job still running when the server restarted): nothing is held, and
    /// settling it books what it cost in the period it finishes in.
    /// </summary>
    public KeyedCall Unreserved(Caller caller, string task) =>
        new(this, caller, task, caller.Key is { } key ? KeyPeriods.Start(key.Period, time.GetUtcNow()) : default, null, new RunScope());

    internal void Book(Caller caller, DateOnly periodStart, string? holdId, IEnumerable<UsageRecord> records)
    {
        if (SettleOf(caller, periodStart, holdId, records) is { } settle)
        {
            store.Settle(settle.HoldId, settle.KeyId, settle.PeriodStart, settle.Spend);
        }
    }

    /// <summary>What settling writes on the caller's key (null for the admin: no key, nothing to write).</summary>
    internal SpendSettle? SettleOf(Caller caller, DateOnly periodStart, string? holdId, IEnumerable<UsageRecord> records)
    {
        if (caller.Key is not { } key)
        {
            return null;
        }

        var now = time.GetUtcNow();
        return new SpendSettle(holdId, key.Id, periodStart, [.. records
            .Where(r => r.Dollars > 0 || r.InputTokens > 0 || r.OutputTokens > 0)
            .Select(r => new SpendEntry(now, r.Task, r.ModelId, r.InputTokens, r.OutputTokens, r.Dollars))]);
    }
}
