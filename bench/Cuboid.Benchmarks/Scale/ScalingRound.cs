namespace Cuboid.Benchmarks.Scale;

/// <summary>
/// What one cluster measured after a warm-up video: a short video alone (its end-to-end time and its steps), then the corpus as one
/// batch (its steps, the CPU time the processes used for it, the load average when it ended).
/// </summary>
internal sealed record ScalingRound(string Kind, int Workers, string Queues, bool LongPolling, int Videos)
{
    public required IReadOnlyList<StepRun> SingleSteps { get; init; }

    public required IReadOnlyList<StepRun> CorpusSteps { get; init; }

    public required TimeSpan WorkersCpu { get; init; }

    public required TimeSpan ApiCpu { get; init; }

    public required string LoadAverage { get; init; }

    /// <summary>From the corpus's first step starting to its last video's final step ending.</summary>
    public TimeSpan Window => CorpusSteps.Where(s => s.Step == "FinishAsync").Max(s => s.EndedAt!.Value) - CorpusSteps.Min(s => s.StartedAt);

    public double VideosPerMinute => Videos / Window.TotalMinutes;

    public double WorkerCpuSecondsPerVideo => WorkersCpu.TotalSeconds / Videos;

    public double ApiCpuSecondsPerVideo => ApiCpu.TotalSeconds / Videos;

    /// <summary>Seconds a video's steps held a slot of <paramref name="queue"/> (start to end, summed): its demand on that queue.</summary>
    public double SlotSecondsPerVideo(string queue) => CorpusSteps.Where(s => s.Queue == queue).Sum(s => (s.EndedAt!.Value - s.StartedAt).TotalSeconds) / Videos;

    /// <summary>The short video alone: from its first step's enqueue to its final step's end.</summary>
    public TimeSpan SingleEndToEnd => SingleSteps.Where(s => s.Step == "FinishAsync").Max(s => s.EndedAt!.Value) - SingleSteps.Min(s => s.EnqueuedAt);

    /// <summary>
    /// The short video's time on the queue along its critical path: walking back from its final step, each step's
    /// predecessor is the step of the video that ended last before it started (what it waited for: the step that queued
    /// it, or a sibling holding the only slot); the gaps between them, and the first step's wait, are time on the queue.
    /// </summary>
    public TimeSpan SingleQueueTime
    {
        get
        {
            var current = SingleSteps.Where(s => s.Step == "FinishAsync").MaxBy(s => s.EndedAt)!;
            var queued = TimeSpan.Zero;
            while (SingleSteps.Where(s => s != current && s.EndedAt <= current.StartedAt).MaxBy(s => s.EndedAt) is { } before)
            {
                queued += current.StartedAt - before.EndedAt!.Value;
                current = before;
            }

            return queued + current.Wait;
        }
    }

    /// <summary>The slots of a queue across the cluster: workers × that queue's concurrency in <see cref="Queues"/>.</summary>
    public int Slots(string queue) => Workers * (Cuboid.Server.Jobs.QueueConcurrency.ParseList(Queues).FirstOrDefault(q => q.Queue == queue)?.Workers ?? 0);
}
