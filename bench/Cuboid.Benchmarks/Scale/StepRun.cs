namespace Cuboid.Benchmarks.Scale;

/// <summary>
/// One run of one step as Hangfire recorded it: which step of which video, on which queue, when it was put on the
/// queue (its Enqueued state), when a worker started it (Processing) and when it ended (Succeeded or Failed).
/// </summary>
internal sealed record StepRun(long JobId, string Step, string ItemId, string Queue, DateTime EnqueuedAt, DateTime StartedAt, DateTime? EndedAt)
{
    /// <summary>Time on the queue: from enqueue to a worker starting it.</summary>
    public TimeSpan Wait => StartedAt - EnqueuedAt;

    /// <summary>
    /// Whether a worker of its queue was free when it was enqueued (fewer steps running or queued ahead of it than the
    /// queue has slots): then its whole wait is the queue's own overhead, not waiting for capacity.
    /// </summary>
    public bool HadFreeWorker(IReadOnlyList<StepRun> all, int slots) =>
        all.Count(o => o.Queue == Queue && o.JobId != JobId
            && (o.StartedAt <= EnqueuedAt ? (o.EndedAt ?? DateTime.MaxValue) > EnqueuedAt : o.EnqueuedAt < EnqueuedAt)) < slots;

    /// <summary>
    /// The queue's own share of <see cref="Wait"/>: all of it when a worker was free at enqueue; otherwise the time from
    /// the last step of its queue ending (a slot freeing) to this one starting.
    /// </summary>
    public TimeSpan DispatchGap(IReadOnlyList<StepRun> all, int slots)
    {
        if (HadFreeWorker(all, slots))
        {
            return Wait;
        }

        var freed = all.Where(o => o.Queue == Queue && o.JobId != JobId && o.EndedAt <= StartedAt).Select(o => o.EndedAt!.Value).DefaultIfEmpty(EnqueuedAt).Max();
        return StartedAt - (freed > EnqueuedAt ? freed : EnqueuedAt);
    }

    /// <summary>One CSV line: step, item, queue, and the three times as seconds since <paramref name="origin"/>.</summary>
    public string Csv(DateTime origin) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{Step},{ItemId},{Queue},{(EnqueuedAt - origin).TotalSeconds:0.000},{(StartedAt - origin).TotalSeconds:0.000},{((EndedAt ?? StartedAt) - origin).TotalSeconds:0.000}");
}
