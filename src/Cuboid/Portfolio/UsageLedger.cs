using Cuboid.Diagnostics;

namespace Cuboid.Portfolio;

/// <summary>
/// Every model call of a run, in order. Totals per stage (task) and per model are computed from the
/// records themselves, so they always equal the sum of the calls. Each record also feeds the <c>Cuboid</c> meter
/// (<see cref="CuboidMetrics"/>: calls, tokens, dollars, call duration).
/// </summary>
public sealed class UsageLedger
{
    private readonly Lock _gate = new();
    private readonly List<UsageRecord> _records = [];

    /// <summary>Raised after each record is added (on the recording thread).</summary>
    public event Action<UsageRecord>? Recorded;

    /// <summary>Adds a record (thread-safe) and raises <see cref="Recorded"/>.</summary>
    public void Record(UsageRecord record)
    {
        lock (_gate)
        {
            _records.Add(record);
        }

        CuboidMetrics.Booked(record);
        Recorded?.Invoke(record);
    }

    /// <summary>A snapshot of the records so far, in the order recorded.</summary>
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

    /// <summary>Totals over every record.</summary>
    public UsageTotals Total() => UsageTotals.Of("total", Records);

    /// <summary>Totals per task, ordered by task name.</summary>
    public IReadOnlyList<UsageTotals> TotalsByTask() =>
        [.. Records.GroupBy(r => r.Task, StringComparer.Ordinal).Select(g => UsageTotals.Of(g.Key, g)).OrderBy(t => t.Key, StringComparer.Ordinal)];

    /// <summary>Totals per model (<c>provider:model</c>), ordered by model id.</summary>
    public IReadOnlyList<UsageTotals> TotalsByModel() =>
        [.. Records.GroupBy(r => r.ModelId, StringComparer.Ordinal).Select(g => UsageTotals.Of(g.Key, g)).OrderBy(t => t.Key, StringComparer.Ordinal)];
}
