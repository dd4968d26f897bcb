using System.Collections.Concurrent;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;

namespace Cuboid.Tests.Server.Videos;

/// <summary>
/// A Hangfire client that keeps every step queued or scheduled instead of storing it, so a test runs each one itself,
/// in order, as often as it likes (twice, as a queue may after a worker dies).
/// </summary>
public sealed class RecordingJobClient : IBackgroundJobClient
{
    private readonly ConcurrentQueue<Job> _queued = new();
    private int _next;

    /// <summary>Every step queued so far, by method name, in order.</summary>
    public ConcurrentQueue<string> History { get; } = new();

    public string Create(Job job, IState state)
    {
        ArgumentNullException.ThrowIfNull(job);
        _queued.Enqueue(job);
        History.Enqueue(job.Method.Name);
        return Interlocked.Increment(ref _next).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public bool ChangeState(string jobId, IState state, string expectedState) => false;

    /// <summary>Takes the oldest step not run yet.</summary>
    public bool TryTake(out Job job) => _queued.TryDequeue(out job!);

    /// <summary>Runs a step on <paramref name="target"/> as a worker would.</summary>
    public static async Task RunAsync(Job job, object target)
    {
        ArgumentNullException.ThrowIfNull(job);
        await (Task)job.Method.Invoke(target, [.. job.Args])!;
    }
}
