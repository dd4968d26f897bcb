using System.Linq.Expressions;
using Cuboid.Server.Store;
using Hangfire;

namespace Cuboid.Server.Batches;

/// <summary>
/// Puts an item's steps on the queue: the first step, each step the first one listed, and the final step once every
/// other step is done (claimed in the store, so exactly one worker queues it). <see cref="Resume"/> rebuilds an item's
/// place in a queue that was lost (a single process whose queue lives in memory).
/// </summary>
public sealed class StepScheduler(IBackgroundJobClient jobs, IBatchStore store)
{
    public void Start(string itemId) => Enqueue(s => s.PrepareAsync(itemId, null, CancellationToken.None));

    public void Queue(string itemId, string step)
    {
        if (step == StepNames.Transcribe)
        {
            Enqueue(s => s.TranscribeAsync(itemId, null, CancellationToken.None));
        }
        else if (step == StepNames.Finish)
        {
            Enqueue(s => s.FinishAsync(itemId, null, CancellationToken.None));
        }
        else if (step.StartsWith("caption-", StringComparison.Ordinal))
        {
            var batch = int.Parse(step["caption-".Length..], System.Globalization.CultureInfo.InvariantCulture);
            Enqueue(s => s.CaptionAsync(itemId, batch, null, CancellationToken.None));
        }
    }

    /// <summary>
    /// After the first step: every listed step not done yet is queued (again). A first step whose run was booked but
    /// died before queuing them (or whose queue was down) queues them on its next run; a step queued twice runs once.
    /// </summary>
    public void QueuePending(string itemId)
    {
        foreach (var step in store.Steps(itemId).Where(s => !s.Value && s.Key != StepNames.Finish).Select(s => s.Key))
        {
            Queue(itemId, step);
        }
    }

    /// <summary>
    /// After a step: when every step but the last is done, the last is queued, once. <paramref name="claimant"/> is the
    /// Hangfire job id of the step (null outside Hangfire: a claim nobody can repeat): the claim is committed before the
    /// enqueue, so a worker killed between the two would leave the item with no final step; Hangfire runs that job again
    /// under the same id, and the store lets the same claimant claim again until the final step is recorded as queued.
    /// </summary>
    public void AfterStep(string itemId, string? claimant)
    {
        var steps = store.Steps(itemId);
        if (steps.Where(s => s.Key != StepNames.Finish).All(s => s.Value) && store.ClaimFinish(itemId, claimant ?? "run-" + Guid.NewGuid().ToString("N")))
        {
            Queue(itemId, StepNames.Finish);
            store.FinishQueued(itemId);
        }
    }

    /// <summary>Queues whatever an unfinished item still needs.</summary>
    public void Resume(BatchItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var steps = store.Steps(item.Id);
        if (!steps.GetValueOrDefault(StepNames.Prepare))
        {
            Start(item.Id);
            return;
        }

        var pending = steps.Where(s => !s.Value && s.Key != StepNames.Finish).Select(s => s.Key).ToList();
        pending.ForEach(step => Queue(item.Id, step));
        if (pending.Count == 0)
        {
            // Claimed before the queue was lost or not: either way the last step runs (again, at most once more).
            store.ClaimFinish(item.Id, "resume");
            Queue(item.Id, StepNames.Finish);
            store.FinishQueued(item.Id);
        }
    }

    // A queue on PostgreSQL that is briefly away (restarted) is waited for, as the stores wait for it.
    private void Enqueue(Expression<Func<AnalysisSteps, Task>> step) => PostgresRetry.Run(() => jobs.Enqueue(step));
}
