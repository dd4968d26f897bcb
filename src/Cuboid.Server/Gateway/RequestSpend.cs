using Cuboid.Portfolio;

namespace Cuboid.Server.Gateway;

/// <summary>The ledger records of one request: every model it tried, in order. Thread-safe.</summary>
public sealed class RequestSpend
{
    private readonly Lock _gate = new();
    private readonly List<UsageRecord> _records = [];

    internal void Add(UsageRecord record)
    {
        lock (_gate)
        {
            _records.Add(record);
        }
    }

    public IReadOnlyList<UsageRecord> Records
    {
        get
        {
            lock (_gate)
            {
                return [.. _records];
            }
        }
    }

    /// <summary>What the request cost, from catalog prices: the sum of its records.</summary>
    public decimal Dollars => Records.Sum(r => r.Dollars);

    /// <summary>The record of the model that answered (the last one that succeeded), if any.</summary>
    public UsageRecord? Answered => Records.LastOrDefault(r => r.Outcome == CallOutcome.Succeeded);
}
