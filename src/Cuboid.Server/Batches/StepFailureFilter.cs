using Cuboid.Server.Videos;
using Hangfire.Common;
using Hangfire.States;
using Hangfire.Storage;

namespace Cuboid.Server.Batches;

/// <summary>
/// Ends the work a step belongs to, failed with the reason, when Hangfire gives up on the step (the last retry failed)
/// and the step did not end it itself: a failure before the step's own code ran (the job could not be activated, the
/// store was away) would otherwise leave the step failed in Hangfire and its work waiting for ever. A batch item
/// (<see cref="AnalysisSteps"/>) ends failed; a queued video job (<see cref="VideoJobSteps"/>) ends failed and is booked
/// once through <see cref="VideoSettlement"/>, which releases its key's hold.
/// </summary>
public sealed class StepFailureFilter(IBatchStore store, VideoSettlement videos, TimeProvider time, ILogger<StepFailureFilter> logger) : IApplyStateFilter
{
    public void OnStateApplied(ApplyStateContext context, IWriteOnlyTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.NewState is not FailedState failed || context.BackgroundJob?.Job is not { Args: [string id, ..] } job)
        {
            return;
        }

        var step = StepOf(job);
        var reason = $"{step}: {failed.Exception?.GetBaseException().Message.ReplaceLineEndings(" ") ?? "the step failed"}";
        if (job.Type == typeof(AnalysisSteps) && store.FindItem(id) is { IsFinished: false })
        {
            logger.LogWarning("Batch item {ItemId} failed after every retry: {Reason}", id, reason);
            store.SetStatus(id, BatchItemStatus.Failed, reason, time.GetUtcNow());
        }
        else if (job.Type == typeof(VideoJobSteps))
        {
            logger.LogWarning("Video job {JobId} failed after every retry: {Reason}", id, reason);
            videos.Fail(id, reason);
        }
    }

    public void OnStateUnapplied(ApplyStateContext context, IWriteOnlyTransaction transaction)
    {
    }

    private static string StepOf(Job job) => job.Method.Name switch
    {
        nameof(AnalysisSteps.PrepareAsync) => StepNames.Prepare,
        nameof(AnalysisSteps.CaptionAsync) when job.Args is [_, int batch, ..] => StepNames.Caption(batch),
        nameof(AnalysisSteps.TranscribeAsync) => StepNames.Transcribe,
        nameof(AnalysisSteps.FinishAsync) => StepNames.Finish,
        nameof(VideoJobSteps.SubmitAsync) => "submit",
        nameof(VideoJobSteps.PollAsync) => "poll",
        nameof(VideoJobSteps.DownloadAsync) => "download",
        nameof(VideoJobSteps.SettleAsync) => "settle",
        _ => job.Method.Name,
    };
}
