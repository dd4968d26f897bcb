using System.Text.Json;
using Cuboid.Generation;
using Cuboid.Generation.Jobs;
using Cuboid.Server.Batches;
using Cuboid.Server.Gateway;
using Cuboid.Server.Jobs;
using Cuboid.Server.Keys;
using Cuboid.Server.Store;
using Hangfire;

namespace Cuboid.Server.Videos;

/// <summary>
/// A video job as short Hangfire steps, when the queue is shared (<c>--jobs postgres://...</c>): <see cref="SubmitAsync"/>
/// sends the create, <see cref="PollAsync"/> asks once and schedules itself again after the host's poll-after hint (a
/// verified host webhook queues it at once, <see cref="Wake"/>), <see cref="DownloadAsync"/> fetches and checks the
/// outputs, <see cref="SettleAsync"/> books the cost and notifies. No step waits for the host's job, so no worker is held
/// for its length. Each step is idempotent: the create is claimed by compare-and-swap on the job record (sent once, never
/// re-sent), a poll saves only over the record it read and its step row lets one run queue the next step (so a duplicate
/// chain ends at once), a downloaded job is not fetched again, and the settle step row books the cost once.
/// </summary>
public sealed class VideoJobSteps(VideoGateway videos, IBatchStore steps, VideoSettlement settlement, VideoJobInputs inputs, IBackgroundJobClient jobs, ILogger<VideoJobSteps> logger)
{
    /// <summary>The step row that books a video job's cost once.</summary>
    public const string SettleStep = VideoSettlement.SettleStep;

    /// <summary>The step row of a job's poll number <paramref name="polls"/>: the one run that queues the next step.</summary>
    public static string PollStep(int polls) => "video-poll-" + polls.ToString("000000", System.Globalization.CultureInfo.InvariantCulture);

    private static readonly JsonSerializerOptions RequestJson = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Queues the create of a job recorded by <see cref="VideoGateway.Record"/>, its uploaded frames moved into the blob
    /// store (<see cref="VideoJobInputs"/>) for whichever worker sends it; the key's hold is kept for the step that settles it.
    /// </summary>
    public async Task StartAsync(string jobId, GenerateRequest request, KeyedCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        steps.AddVideoHold(jobId, new VideoHold(call.HoldId, call.PeriodStart));
        var json = JsonSerializer.Serialize(await inputs.KeepAsync(jobId, request, cancellationToken), RequestJson);
        Enqueue(s => s.SubmitAsync(jobId, json, CancellationToken.None));
    }

    /// <summary>A host's verified webhook said the job moved: poll now (the scheduled poll then finds the job moved on and stops).</summary>
    public void Wake(string jobId)
    {
        if (videos.Find(jobId) is { } job && !job.IsSettled)
        {
            var polls = job.Polls;
            Enqueue(s => s.PollAsync(jobId, polls, CancellationToken.None));
        }
    }

    [Queue(StepQueues.Providers)]
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [1, 3, 10])]
    public async Task SubmitAsync(string jobId, string request, CancellationToken cancellationToken)
    {
        if (steps.Steps(jobId).GetValueOrDefault(SettleStep))
        {
            // Its books are closed (a late run of this step): a job refused at its route is not moved on any more.
            return;
        }

        var queued = JsonSerializer.Deserialize<GenerateRequest>(request, RequestJson) ?? throw new JsonException("empty video request");
        var scratch = Path.Combine(Path.GetTempPath(), $"cuboid-video-{jobId}");
        try
        {
            await videos.SubmitRecordedAsync(jobId, await inputs.ResolveAsync(queued, scratch, cancellationToken), cancellationToken);
        }
        catch (CuboidException ex) when (videos.Find(jobId) is { CreateAttempts: 0 } unsent)
        {
            // The create could not be made here (its route or its first frame gone): the job ends failed, nothing was sent.
            var now = videos.Time.GetUtcNow();
            videos.TrySave(unsent with { State = VideoJobState.Failed, RawState = "not-sent", Error = ex.Message, UpdatedAt = now, FinishedAt = now });
        }
        finally
        {
            if (Directory.Exists(scratch))
            {
                Directory.Delete(scratch, recursive: true);
            }
        }

        // The create is done with (sent once, never again; or the job ended unsent): its frames are not needed any more.
        await inputs.DeleteAsync(jobId, queued, cancellationToken);

        // Sent now or by an earlier run of this step: the poll chain starts from the job's polls either way (a second
        // chain dies at its first compare-and-swap).
        if (videos.Find(jobId) is { } job)
        {
            Next(job, null);
        }
    }

    [Queue(StepQueues.Providers)]
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [1, 3, 10])]
    public async Task PollAsync(string jobId, int polls, CancellationToken cancellationToken)
    {
        if (videos.Find(jobId) is not { } job)
        {
            return;
        }

        var pause = (TimeSpan?)videos.MinPollInterval;
        if (job.Polls == polls)
        {
            try
            {
                if (await videos.PollOnceAsync(jobId, cancellationToken) is not var (polled, next))
                {
                    return; // Another poller saved this poll first: its chain goes on, this one ends.
                }

                if (polled.Polls == polls)
                {
                    Next(polled, next); // Nothing new was saved (the create not sent yet, a transient failure, an end without a poll).
                    return;
                }

                (job, pause) = (polled, next);
            }
            catch (CuboidException ex)
            {
                // The job's end cannot be seen (past the wait deadline, the host refuses the poll): booked at its estimate.
                logger.LogWarning("Video job {JobId} could not be followed to its end: {Reason}", jobId, ex.Message);
                Settle(jobId, ex.Message);
                return;
            }
        }

        // This poll was saved, by this run or an earlier one that may have died before queuing what comes next: the
        // poll's step row lets exactly one run queue it, so a duplicate or a webhook's extra poll ends its chain here.
        if (steps.CompleteStep(jobId, PollStep(polls), 0m))
        {
            Next(job, pause);
        }
    }

    [Queue(StepQueues.Providers)]
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [1, 3, 10])]
    public async Task DownloadAsync(string jobId, CancellationToken cancellationToken)
    {
        if (videos.Find(jobId) is { State: VideoJobState.Succeeded, Outputs.Count: 0 })
        {
            try
            {
                await videos.DownloadAsync(jobId, cancellationToken);
            }
            catch (CuboidException ex)
            {
                logger.LogWarning("Video job {JobId} could not be downloaded: {Reason}", jobId, ex.Message);
                Settle(jobId, ex.Message);
                return;
            }
        }

        Enqueue(s => s.SettleAsync(jobId));
    }

    [Queue(StepQueues.Providers)]
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [1, 3, 10])]
    public Task SettleAsync(string jobId)
    {
        Settle(jobId, null);
        return Task.CompletedTask;
    }

    // After a poll: the next poll after the pause, or once the job ended its download (succeeded) or its settlement.
    private void Next(VideoJob job, TimeSpan? pause)
    {
        var jobId = job.Id;
        var polls = job.Polls;
        if (!job.State.IsTerminal())
        {
            var after = pause ?? TimeSpan.Zero;
            if (after <= TimeSpan.Zero)
            {
                Enqueue(s => s.PollAsync(jobId, polls, CancellationToken.None));
            }
            else
            {
                PostgresRetry.Run(() => jobs.Schedule<VideoJobSteps>(s => s.PollAsync(jobId, polls, CancellationToken.None), after));
            }
        }
        else if (job.State == VideoJobState.Succeeded && job.Outputs.Count == 0)
        {
            Enqueue(s => s.DownloadAsync(jobId, CancellationToken.None));
        }
        else
        {
            Enqueue(s => s.SettleAsync(jobId));
        }
    }

    private void Settle(string jobId, string? abandoned) => settlement.Settle(jobId, abandoned);

    // A queue on PostgreSQL that is briefly away (restarted) is waited for, as the stores wait for it.
    private void Enqueue(System.Linq.Expressions.Expression<Func<VideoJobSteps, Task>> step) => PostgresRetry.Run(() => jobs.Enqueue(step));
}
