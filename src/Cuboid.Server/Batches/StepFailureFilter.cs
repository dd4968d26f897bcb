using Hangfire.Common;
using Hangfire.States;
using Hangfire.Storage;

namespace Cuboid.Server.Batches;

/// <summary>
/// Ends a video failed, with the reason, when Hangfire gives up on one of its steps (the last retry failed) and the step
/// did not end it itself: a failure before the step's own code ran (the job could not be activated, the store was away) would
/// otherwise leave the step's job failed in Hangfire and its batch waiting for ever.
/// </summary>
public sealed class StepFailureFilter(IBatchStore store, TimeProvider time, ILogger<StepFailureFilter> logger) : IApplyStateFilter
{
    public void OnStateApplied(ApplyStateContext context, IWriteOnlyTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.NewState is not FailedState failed || context.BackgroundJob?.Job is not { } job || job.Type != typeof(AnalysisSteps)
            || job.Args is not [string itemId, ..] || store.FindItem(itemId) is not { IsFinished: false })
        {
            return;
        }

        var step = StepOf(job);
        var reason = failed.Exception?.GetBaseException().Message.ReplaceLineEndings(" ") ?? "the step failed";
        logger.LogWarning("Batch item {ItemId} failed at step {Step} after every retry: {Reason}", itemId, step, reason);
        store.SetStatus(itemId, BatchItemStatus.Failed, $"{step}: {reason}", time.GetUtcNow());
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
        _ => job.Method.Name,
    };
}
