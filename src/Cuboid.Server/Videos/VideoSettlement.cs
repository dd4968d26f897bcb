using Cuboid.Generation;
using Cuboid.Server.Batches;
using Cuboid.Server.Gateway;
using Cuboid.Server.Keys;
using Cuboid.Server.Store;
using Cuboid.Server.Webhooks;

namespace Cuboid.Server.Videos;

/// <summary>
/// Ends a queued video job on the books, once: its cost on its key (releasing the hold the API took when it queued the
/// job), the job marked settled, its webhook sent. Shared by the settle step (<see cref="VideoJobSteps"/>) and by
/// <see cref="StepFailureFilter"/>, which ends a job whose step Hangfire gave up on, so both book through the same
/// step row and nothing is billed twice.
/// </summary>
public sealed class VideoSettlement(VideoGateway videos, IGatewayStore store, IBatchStore steps, KeyBudgets budgets, StepBooking booking, WebhookDispatcher webhooks, VideoJobInputs inputs)
{
    /// <summary>The step row that books a video job's cost once.</summary>
    public const string SettleStep = "video-settle";

    /// <summary>Books the job once: its delivered cost, or (<paramref name="abandoned"/> says why) its estimate, which the host may still bill.</summary>
    public void Settle(string jobId, string? abandoned)
    {
        if (videos.Find(jobId) is not { } job)
        {
            return;
        }

        var record = abandoned is null ? videos.RecordOf(job)
            : videos.RecordOf(job) with { Dollars = job.EstimatedCost, Outcome = Cuboid.Portfolio.CallOutcome.Abandoned, Error = abandoned };
        var keyId = store.FindVideoJob(jobId)?.KeyId;
        var caller = keyId is not null && store.Find(keyId) is { } key ? new Caller(key) : Caller.Admin;
        // The hold the API took when it queued the job; without one (a job of an older process), booked in today's period.
        var hold = steps.FindVideoHold(jobId);
        var call = hold is null ? budgets.Unreserved(caller, job.Task) : new KeyedCall(budgets, caller, job.Task, hold.PeriodStart, hold.HoldId, new Cuboid.Portfolio.RunScope());
        if (!booking.Book(jobId, SettleStep, record.Dollars, call, [record]))
        {
            return; // Booked by an earlier run.
        }

        store.MarkVideoJobSettled(jobId, videos.Time.GetUtcNow());
        webhooks.Notify(jobId, keyId, $"video.{VideoJson.Status(job)}", VideoJson.Describe(job));
    }

    /// <summary>
    /// A step of the job failed for good before it could end the job itself: a job still live ends failed with
    /// <paramref name="reason"/> and is booked (nothing when it was never sent, its estimate when the host may be making
    /// it, as an abandoned poll is); a job that had ended is booked as its own settle step would (once, by the step row).
    /// </summary>
    public void Fail(string jobId, string reason)
    {
        // Hangfire's state filters are synchronous; the default blob store deletes files synchronously anyway.
        inputs.DeleteAsync(jobId, CancellationToken.None).GetAwaiter().GetResult();
        for (var attempt = 0; attempt < 3 && videos.Find(jobId) is { } job; attempt++)
        {
            if (job.IsSettled)
            {
                Settle(jobId, null);
                return;
            }

            if (job.State.IsTerminal())
            {
                Settle(jobId, reason); // Done at the host but never downloaded: abandoned at its estimate.
                return;
            }

            var now = videos.Time.GetUtcNow();
            var failed = job with { State = VideoJobState.Failed, RawState = job.CreateAttempts == 0 ? "not-sent" : job.RawState, Error = reason, UpdatedAt = now, FinishedAt = now };
            if (videos.TrySave(failed) is not null)
            {
                Settle(jobId, job.CreateAttempts > 0 ? reason : null);
                return;
            }

            // A step moved the job meanwhile: look again.
        }
    }
}
