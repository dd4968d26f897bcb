namespace Cuboid.Benchmarks.Scale;

/// <summary>
/// What one cluster measured: a short video alone first (its end-to-end time and its steps), then the corpus as one
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

    /// <summary>The short video alone: from its first step's enqueue to its final step's end.</summary>
    public TimeSpan SingleEndToEnd => SingleSteps.Where(s => s.Step == "FinishAsync").Max(s => s.EndedAt!.Value) - SingleSteps.Min(s => s.EnqueuedAt);

    /// <summary>
    /// The short video's time on the queue along its critical path: the first step's wait, the wait of the provider
    /// step that ended last (the one the final step waited for), and the final step's wait.
    /// </summary>
    public TimeSpan SingleQueueTime
    {
        get
        {
            var prepare = SingleSteps.First(s => s.Step == "PrepareAsync");
            var finish = SingleSteps.Last(s => s.Step == "FinishAsync");
            var last = SingleSteps.Where(s => s.Step is "CaptionAsync" or "TranscribeAsync").MaxBy(s => s.EndedAt);
            return prepare.Wait + (last?.Wait ?? TimeSpan.Zero) + finish.Wait;
        }
    }

    /// <summary>The slots of a queue across the cluster: workers × that queue's concurrency in <see cref="Queues"/>.</summary>
    public int Slots(string queue) => Workers * (Cuboid.Server.Jobs.QueueConcurrency.ParseList(Queues).FirstOrDefault(q => q.Queue == queue)?.Workers ?? 0);
}
