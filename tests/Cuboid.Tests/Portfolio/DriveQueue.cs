namespace Cuboid.Tests.Portfolio;

/// <summary>
/// The yields of test doubles under <see cref="PortfolioHarness.Drive{T}"/>: instead of <see cref="Task.Yield"/> (which
/// resumes on the thread pool, behind the driving loop's back), <see cref="YieldAsync"/> resumes when the loop runs its
/// queue, on the loop's thread. Outside a drive it is a plain <see cref="Task.Yield"/>.
/// </summary>
internal sealed class DriveQueue
{
    private static readonly AsyncLocal<DriveQueue?> Active = new();
    private readonly Lock _gate = new();
    private readonly Queue<TaskCompletionSource> _waiting = new();

    public static async Task YieldAsync()
    {
        if (Active.Value is { } queue)
        {
            var step = new TaskCompletionSource();
            lock (queue._gate)
            {
                queue._waiting.Enqueue(step);
            }

            await step.Task;
        }
        else
        {
            await Task.Yield();
        }
    }

    /// <summary>
    /// Waits until <paramref name="cancellationToken"/> is cancelled, then throws, resuming right where the cancellation
    /// happens (inside the fake clock's <c>Advance</c>). A cancelled <c>Task.Delay</c> resumes on the thread pool instead.
    /// </summary>
    public static async Task HangAsync(CancellationToken cancellationToken)
    {
        var cancelled = new TaskCompletionSource();
        using (cancellationToken.Register(static s => ((TaskCompletionSource)s!).TrySetResult(), cancelled))
        {
            await cancelled.Task;
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>Makes this the queue of the calling flow (and of everything it starts) until disposed.</summary>
    public IDisposable Enter()
    {
        var previous = Active.Value;
        Active.Value = this;
        return new Exit(previous);
    }

    /// <summary>Resumes every queued yield, and those they queue in turn, until none is left.</summary>
    public void RunQueued()
    {
        while (true)
        {
            TaskCompletionSource? next;
            lock (_gate)
            {
                if (!_waiting.TryDequeue(out next))
                {
                    return;
                }
            }

            next.SetResult();
        }
    }

    private sealed class Exit(DriveQueue? previous) : IDisposable
    {
        public void Dispose() => Active.Value = previous;
    }
}
