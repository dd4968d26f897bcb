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
public sealed class KeyBudgets(GatewayStore store, GatewayModels models, TimeProvider time)
{
    private readonly ConcurrentDictionary<(string KeyId, DateOnly Start), Lazy<RunBudget>> _budgets = new();

    /// <summary>
    /// Reserves a model call's estimate on the caller's key (nothing for the admin) and begins the call's run, whose
    /// budget is capped at that hold. Throws a Budget <see cref="CuboidException"/> when it does not fit.
    /// </summary>
    public KeyedCall Reserve(Caller caller, string task, RoutePlan plan)
    {
        // The most expensive candidate: the router may fall over to it, and the hold must cover that.
        var estimate = plan.Candidates.Count == 0 ? 0m : plan.Candidates.Max(c => c.EstimatedCost);
        return Reserve(caller, task, estimate, models.BeginRun(caller.Key?.Budget is null ? null : estimate));
    }

    /// <summary>
    /// Reserves <paramref name="estimate"/> dollars on the caller's key for work that books its cost itself (a video job,
    /// an analysis); see <see cref="Reserve(Caller, string, RoutePlan)"/>.
    /// </summary>
    public KeyedCall Reserve(Caller caller, string task, decimal estimate) => Reserve(caller, task, estimate, new RunScope());

    private KeyedCall Reserve(Caller caller, string task, decimal estimate, RunScope run)
    {
        if (caller.Key is not { } key)
        {
            return new KeyedCall(this, caller, task, default, null, run);
        }

        var start = KeyPeriods.Start(key.Period, time.GetUtcNow());
        var budget = _budgets.GetOrAdd((key.Id, start), k => new Lazy<RunBudget>(() =>
            new RunBudget(key.Budget is { } limit ? Math.Max(0m, limit - store.SpentIn(k.KeyId, k.Start)) : null))).Value;
        if (!budget.TryReserve(estimate, out var reservation))
        {
            throw new CuboidException(ErrorKind.Budget,
                $"key {key.Id} has {RoutePlanner.Dollars(budget.Remaining ?? 0)} left this {key.Period.ToString().ToLowerInvariant()} and this {task} call may cost up to {RoutePlanner.Dollars(estimate)}");
        }

        return new KeyedCall(this, caller, task, start, reservation, run);
    }

    /// <summary>
    /// A call whose reservation was lost (a video job still running when the server restarted): nothing is held, and
    /// settling it books what it cost in the period it finishes in.
    /// </summary>
    public KeyedCall Unreserved(Caller caller, string task) =>
        new(this, caller, task, caller.Key is { } key ? KeyPeriods.Start(key.Period, time.GetUtcNow()) : default, null, new RunScope());

    internal void Book(Caller caller, DateOnly periodStart, IEnumerable<UsageRecord> records)
    {
        if (caller.Key is not { } key)
        {
            return;
        }

        var now = time.GetUtcNow();
        foreach (var record in records.Where(r => r.Dollars > 0 || r.InputTokens > 0 || r.OutputTokens > 0))
        {
            store.AddSpend(key.Id, periodStart, now, record.Task, record.ModelId, record.InputTokens, record.OutputTokens, record.Dollars);
        }
    }
}
