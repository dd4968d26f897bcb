using System.Collections.Concurrent;
using Cuboid.Portfolio;
using Cuboid.Server.Gateway;
using Cuboid.Server.Store;

namespace Cuboid.Server.Keys;

/// <summary>
/// One library <see cref="RunBudget"/> per key and period, opened with what the store says the key already spent
/// in that period. A call reserves its worst-case estimate on it before any model is asked (so concurrent calls on
/// one key cannot overspend it) and settles what the ledger says it cost.
/// </summary>
public sealed class KeyBudgets(GatewayStore store, TimeProvider time)
{
    private readonly ConcurrentDictionary<(string KeyId, DateOnly Start), Lazy<RunBudget>> _budgets = new();

    /// <summary>
    /// Reserves a call's estimate on the caller's key (nothing for the admin, whose calls are only booked by the
    /// library). Throws a Budget <see cref="CuboidException"/> when it does not fit.
    /// </summary>
    public KeyedCall Reserve(Caller caller, string task, RoutePlan plan)
    {
        // The most expensive candidate: the router may fall over to it, and the reservation must cover that.
        var estimate = plan.Candidates.Count == 0 ? 0m : plan.Candidates.Max(c => c.EstimatedCost);
        if (caller.Key is not { } key)
        {
            return new KeyedCall(this, caller, task, default, null, GatewayModels.TrackSpend());
        }

        var start = KeyPeriods.Start(key.Period, time.GetUtcNow());
        var budget = _budgets.GetOrAdd((key.Id, start), k => new Lazy<RunBudget>(() =>
            new RunBudget(key.Budget is { } limit ? Math.Max(0m, limit - store.SpentIn(k.KeyId, k.Start)) : null))).Value;
        if (!budget.TryReserve(estimate, out var reservation))
        {
            throw new CuboidException(ErrorKind.Budget,
                $"key {key.Id} has {RoutePlanner.Dollars(budget.Remaining ?? 0)} left this {key.Period.ToString().ToLowerInvariant()} and this {task} call may cost up to {RoutePlanner.Dollars(estimate)}");
        }

        return new KeyedCall(this, caller, task, start, reservation, GatewayModels.TrackSpend());
    }

    internal void Book(Caller caller, DateOnly periodStart, RequestSpend spend)
    {
        if (caller.Key is not { } key)
        {
            return;
        }

        var now = time.GetUtcNow();
        foreach (var record in spend.Records.Where(r => r.Dollars > 0 || r.InputTokens > 0 || r.OutputTokens > 0))
        {
            store.AddSpend(key.Id, periodStart, now, record.Task, record.ModelId, record.InputTokens, record.OutputTokens, record.Dollars);
        }
    }
}
