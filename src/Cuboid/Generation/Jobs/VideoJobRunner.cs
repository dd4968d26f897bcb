using Cuboid.Diagnostics;
using Cuboid.Media;
using Cuboid.Portfolio;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cuboid.Generation.Jobs;

/// <summary>
/// Drives jobs through their life, durably: the job is saved as <c>submitting</c> before the create is sent and after
/// every answer, so any process can pick it up by id. A create is sent once (a 429 is retried within the start
/// deadline, since the host said no job was made); polling honours the host's poll-after hint within the configured
/// bounds and backs off otherwise; late or backward states are ignored; outputs are downloaded, hashed, probed and
/// checked by <see cref="VideoOutputInspector"/>, and download retries repeat only the GET. A job left
/// <c>submitting</c> by a dead process is looked up where the host can list jobs, else marked <c>unknown</c>, never re-sent.
/// </summary>
public sealed class VideoJobRunner
{
    private readonly IVideoJobStore _store;
    private readonly IVideoGeneratorSource _generators;
    private readonly TimeProvider _time;
    private readonly VideoOutputInspector _inspector;
    // One pause per waited job; cancelled by Wake (one left cancelled by an early Wake ends the next pause at once).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, CancellationTokenSource> _pauses = new(StringComparer.Ordinal);

    /// <summary>A runner over <paramref name="store"/> that reaches each job's host through <paramref name="generators"/>; <paramref name="tools"/> probes the outputs (ffprobe on the PATH by default).</summary>
    public VideoJobRunner(IVideoJobStore store, IVideoGeneratorSource generators, VideoJobRunnerOptions? options = null, TimeProvider? time = null, MediaTools? tools = null)
    {
        _store = store;
        _generators = generators;
        Options = options ?? new VideoJobRunnerOptions();
        _time = time ?? TimeProvider.System;
        _inspector = new VideoOutputInspector(tools ?? MediaTools.Default, Options.DurationTolerance);
    }

    /// <summary>Poll intervals, wait deadline and download retries.</summary>
    public VideoJobRunnerOptions Options { get; }

    /// <summary>How long a create refused with 429 may be retried before the route counts as throttled past its deadline.</summary>
    public TimeSpan StartDeadline { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Where each saved change and each refused create is logged (the host's logger; none unless a host sets one).</summary>
    internal ILogger Logger { get; set; } = NullLogger.Instance;

    /// <summary>Called after every saved change of a job (state, progress, outputs), for progress displays.</summary>
    public event Action<VideoJob>? Changed;

    /// <summary>The durable store every job change is saved to.</summary>
    public IVideoJobStore Store => _store;

    /// <summary>
    /// Polls job <paramref name="id"/> now instead of after its current pause (a host's webhook said it moved). The poll,
    /// not the webhook, decides the new state. A wake that arrives while a poll is in flight takes effect at the next pause.
    /// </summary>
    public void Wake(string id)
    {
        var pause = _pauses.AddOrUpdate(id, _ => new CancellationTokenSource(), (_, current) => current);
        try
        {
            pause.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // That pause just ended by itself: the poll is already on its way.
        }
    }

    /// <summary>The stored job <paramref name="id"/>; a usage error (<c>job.not-found</c>) when the store has no such job.</summary>
    public VideoJob Require(string id) =>
        _store.Find(id) ?? throw CuboidException.Usage(CuboidErrorCodes.JobNotFound, CuboidParameters.JobId, $"no job '{id}' in the job store; list jobs with: cuboid jobs list");

    internal Task<VideoSubmitOutcome> SubmitAsync(VideoJobSubmission submission, CancellationToken cancellationToken = default) =>
        SendAsync(NewJob(submission), submission, counted: false, cancellationToken);

    /// <summary>
    /// Records a job on its route without sending the create (<c>submitting</c>, no create attempt yet): a queued step
    /// sends it later with <see cref="SubmitRecordedAsync"/>, so whoever accepted the request answers at once.
    /// </summary>
    internal VideoJob Record(VideoJobSubmission submission) =>
        SaveIfUnchanged(NewJob(submission)) ?? throw new InvalidOperationException("a new job id was already taken");

    /// <summary>
    /// Sends the create of a job <see cref="Record"/>ed earlier, once: the caller that moves the record from no create
    /// attempt to one (compare-and-swap) sends it; any other caller, or a job whose create was already sent, gets null.
    /// </summary>
    internal async Task<VideoSubmitOutcome?> SubmitRecordedAsync(string id, VideoJobSubmission submission, CancellationToken cancellationToken)
    {
        var job = Require(id);
        if (job.State != VideoJobState.Submitting || job.CreateAttempts > 0
            || SaveIfUnchanged(job with { CreateAttempts = 1, UpdatedAt = _time.GetUtcNow() }) is not { } claimed)
        {
            return null;
        }

        return await SendAsync(claimed, submission, counted: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Moves a recorded job whose create <paramref name="refused"/> was refused (no job started at its host) to another
    /// route, under the same id, and sends the create there once: the caller whose compare-and-swap moves the record
    /// (with its create attempt counted) sends it; any other caller, or a job that is not such a refusal, gets null.
    /// </summary>
    internal async Task<VideoSubmitOutcome?> RerouteAsync(VideoJob refused, VideoJobSubmission submission, CancellationToken cancellationToken)
    {
        // Read again: the refusal was saved unconditionally, and the swap below needs the stored version.
        var stored = Require(refused.Id);
        if (stored.Host != refused.Host || stored.HostModel != refused.HostModel || !IsRefusedHere(stored))
        {
            return null;
        }

        refused = stored;

        var moved = SaveIfUnchanged(refused with
        {
            Host = submission.Host, HostModel = submission.HostModel, Model = submission.Model, Task = submission.Task, Request = submission.Record,
            EstimatedCost = submission.EstimatedCost, Prices = submission.Prices, State = VideoJobState.Submitting, RawState = null,
            Error = $"{refused.Host}:{refused.HostModel} refused the create ({refused.Error}); sent to the next route", FinishedAt = null,
            CreateAttempts = 1, UpdatedAt = _time.GetUtcNow(),
        });
        return moved is null ? null : await SendAsync(moved, submission, counted: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A job whose own route refused its create (no job started there) and that was not moved to another route since: a
    /// fallback that stopped between the two (its process died) resumes after that route with <see cref="RerouteAsync"/>.
    /// </summary>
    internal static bool IsRefusedHere(VideoJob job) =>
        job is { State: VideoJobState.Failed, ProviderJobId: null, CreateAttempts: > 0, Refusals: [.., var last] }
        && last.Host == job.Host && last.HostModel == job.HostModel;

    /// <summary>
    /// One poll of a job, for a step that re-schedules itself instead of waiting: what the host said is saved only over
    /// the record read (compare-and-swap), so of two pollers racing one moves the job and the other gets null. Returns
    /// the job and the pause before the next poll (the host's hint within bounds, else backing off), or no pause once
    /// the job has ended. A job left <c>submitting</c> after its create was sent is reconciled, never re-sent.
    /// </summary>
    internal async Task<(VideoJob Job, TimeSpan? Next)?> PollOnceAsync(string id, CancellationToken cancellationToken)
    {
        var job = Require(id);
        if (job.State == VideoJobState.Submitting)
        {
            if (job.CreateAttempts == 0)
            {
                return (job, Options.MinPollInterval); // Its create step has not run yet.
            }

            await ReconcileAsync(job, cancellationToken).ConfigureAwait(false);
            job = Require(id); // With the version the reconciled save gave it.
        }

        if (job.ProviderJobId is not { } providerId || job.State.IsTerminal())
        {
            return (job, null);
        }

        if (_time.GetUtcNow() > (job.SubmittedAt ?? job.CreatedAt) + Options.WaitDeadline)
        {
            throw CuboidException.Provider(CuboidErrorCodes.ProviderTimeout, $"job {job.Id} is still {job.State.Word()} at {job.Host} after {Options.WaitDeadline.TotalMinutes:0.#} min; wait again with: cuboid jobs wait {job.Id}");
        }

        VideoJobStatus status;
        try
        {
            status = await _generators.For(job.Host).GetAsync(providerId, cancellationToken).ConfigureAwait(false);
        }
        catch (ProviderCallException ex) when (ex.IsTransient)
        {
            return (job, Next(Interval(job), ex.RetryAfter));
        }
        catch (ProviderCallException ex) when (ex.StatusCode == 404)
        {
            var gone = SaveIfUnchanged(job with { State = VideoJobState.Unknown, RawState = "404", Error = $"{job.Host} no longer knows job {providerId}", UpdatedAt = _time.GetUtcNow() });
            return gone is null ? null : (gone, null);
        }
        catch (ProviderCallException ex)
        {
            throw CuboidException.Provider(CuboidErrorCodes.ProviderFailed, $"job {job.Id} could not be polled: {ex.Message}", ex);
        }

        var moved = SaveIfUnchanged(Apply(job, status, countPoll: true));
        return moved is null ? null : (moved, moved.State.IsTerminal() ? null : Next(Interval(moved), status.PollAfter));
    }

    private VideoJob NewJob(VideoJobSubmission submission)
    {
        var now = _time.GetUtcNow();
        return new VideoJob
        {
            Id = VideoJobId.New(submission.Host, _time),
            Host = submission.Host,
            HostModel = submission.HostModel,
            Model = submission.Model,
            Task = submission.Task,
            Request = submission.Record,
            CreatedAt = now,
            UpdatedAt = now,
            EstimatedCost = submission.EstimatedCost,
            Prices = submission.Prices,
        };
    }

    // Sends the create; counted: the first attempt is already recorded (a claimed recorded job).
    private async Task<VideoSubmitOutcome> SendAsync(VideoJob job, VideoJobSubmission submission, bool counted, CancellationToken cancellationToken)
    {
        using var span = VideoJobSpans.Start("submit", submission.Host, submission.Model ?? submission.HostModel, job.Id); // [telemetry]
        var generator = _generators.For(submission.Host);
        var deadline = _time.GetUtcNow() + StartDeadline;
        while (true)
        {
            // Recorded before the request leaves: a crash from here on leaves a job to reconcile, not a silent one.
            job = counted ? job : Save(job with { CreateAttempts = job.CreateAttempts + 1, UpdatedAt = _time.GetUtcNow() });
            counted = false;
            try
            {
                var status = await generator.SubmitAsync(submission.Request, submission.Options, cancellationToken).ConfigureAwait(false);
                job = Save(Apply(job with { ProviderJobId = status.ProviderJobId, SubmittedAt = _time.GetUtcNow() }, status, countPoll: false));
                return new VideoSubmitOutcome(job, null);
            }
            catch (ProviderCallException ex) when (ex.Kind == ProviderFailureKind.RateLimited && _time.GetUtcNow() + (ex.RetryAfter ?? Options.MinPollInterval) < deadline)
            {
                await Task.Delay(ex.RetryAfter ?? Options.MinPollInterval, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (ProviderCallException ex) when (IsRefusal(ex))
            {
                // The refusal is kept on the record: a process that dies before moving the job on can be resumed from it.
                job = Save(job with
                {
                    State = VideoJobState.Failed, RawState = ex.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "refused", Error = ex.Message,
                    Refusals = [.. job.Refusals, new VideoJobRefusal { Host = job.Host, HostModel = job.HostModel, Kind = ex.Kind, Error = ex.Message }],
                    UpdatedAt = _time.GetUtcNow(), FinishedAt = _time.GetUtcNow(),
                });
                Logger.CreateRefused(job.Id, job.Host, job.HostModel, ex.Message);
                return new VideoSubmitOutcome(job, ex);
            }
            catch (ProviderCallException ex)
            {
                // Sent, but the answer was lost: the host may or may not have the job. Never sent again, never sent elsewhere.
                job = Save(job with { State = VideoJobState.Unknown, RawState = "create-unanswered", Error = $"the create request was sent but its answer was lost ({ex.Message}); check the host before retrying, Cuboid will not re-send it", UpdatedAt = _time.GetUtcNow() });
                return new VideoSubmitOutcome(job, null);
            }
        }
    }

    /// <summary>Waits for a job wherever it is in its life (resuming after a restart), downloads and checks its outputs, and returns it settled.</summary>
    public async Task<VideoJob> WaitAsync(string id, CancellationToken cancellationToken = default)
    {
        var job = Require(id);
        if (job.State == VideoJobState.Submitting)
        {
            job = await ReconcileAsync(job, cancellationToken).ConfigureAwait(false);
        }

        using var span = VideoJobSpans.Start("poll", job.Host, job.Model ?? job.HostModel, job.Id); // [telemetry]
        var generator = _generators.For(job.Host);
        var deadline = _time.GetUtcNow() + Options.WaitDeadline;
        var interval = Options.MinPollInterval;
        var failures = 0;
        while (job.ProviderJobId is { } providerId && !job.State.IsTerminal())
        {
            if (_time.GetUtcNow() > deadline)
            {
                throw CuboidException.Provider(CuboidErrorCodes.ProviderTimeout, $"job {job.Id} is still {job.State.Word()} at {job.Host} after {Options.WaitDeadline.TotalMinutes:0.#} min; wait again with: cuboid jobs wait {job.Id}");
            }

            VideoJobStatus status;
            try
            {
                status = await generator.GetAsync(providerId, cancellationToken).ConfigureAwait(false);
                failures = 0;
            }
            catch (ProviderCallException ex) when (ex.IsTransient && ++failures < Options.PollFailures)
            {
                interval = Next(interval, ex.RetryAfter);
                await Task.Delay(interval, _time, cancellationToken).ConfigureAwait(false);
                continue;
            }
            catch (ProviderCallException ex) when (ex.StatusCode == 404)
            {
                job = Save(job with { State = VideoJobState.Unknown, RawState = "404", Error = $"{job.Host} no longer knows job {providerId}", UpdatedAt = _time.GetUtcNow() });
                break;
            }
            catch (ProviderCallException ex)
            {
                throw CuboidException.Provider(CuboidErrorCodes.ProviderFailed, $"job {job.Id} could not be polled: {ex.Message}", ex);
            }

            job = Save(Apply(job, status, countPoll: true));
            if (job.State.IsTerminal())
            {
                break;
            }

            interval = Next(interval, status.PollAfter);
            await PauseAsync(job.Id, interval, cancellationToken).ConfigureAwait(false);
        }

        return job.State == VideoJobState.Succeeded && job.Outputs.Count == 0 ? await DownloadAsync(job.Id, cancellationToken).ConfigureAwait(false) : job;
    }

    /// <summary>Downloads (again) the outputs of a succeeded job into the store; never re-creates the job.</summary>
    public async Task<VideoJob> DownloadAsync(string id, CancellationToken cancellationToken = default)
    {
        var job = Require(id);
        if (job.State != VideoJobState.Succeeded || job.ProviderJobId is not { } providerId)
        {
            throw CuboidException.Usage(CuboidErrorCodes.JobState, CuboidParameters.JobId, $"job {job.Id} is {job.State.Word()}; only a succeeded job has outputs to download");
        }

        using var span = VideoJobSpans.Start("download", job.Host, job.Model ?? job.HostModel, job.Id); // [telemetry]
        var generator = _generators.For(job.Host);
        // The status is read-only; it names the outputs (and refreshes URLs that some hosts re-sign on every read).
        var status = await ReadStatusAsync(generator, job, providerId, cancellationToken).ConfigureAwait(false);
        var folder = _store.OutputDirectory(job.Id);
        Directory.CreateDirectory(folder);
        var outputs = new List<VideoJobOutput>();
        var attempts = job.DownloadAttempts;
        foreach (var output in status.Outputs)
        {
            var path = Path.Combine(folder, $"output-{output.Index}.mp4");
            for (var attempt = 1; ; attempt++)
            {
                attempts++;
                try
                {
                    await DownloadOneAsync(generator, providerId, output, path, cancellationToken).ConfigureAwait(false);
                    break;
                }
                catch (ProviderCallException ex) when (ex.StatusCode is 404 or 410)
                {
                    return Save(job with { State = VideoJobState.Expired, DownloadAttempts = attempts, Error = $"the output was deleted at {job.Host} before it was downloaded ({ex.Message})", UpdatedAt = _time.GetUtcNow() });
                }
                catch (ProviderCallException ex) when (ex.IsTransient && attempt < Options.DownloadAttempts)
                {
                    await Task.Delay(Next(Options.MinPollInterval * attempt, ex.RetryAfter), _time, cancellationToken).ConfigureAwait(false);
                }
                catch (ProviderCallException ex)
                {
                    Save(job with { DownloadAttempts = attempts, UpdatedAt = _time.GetUtcNow() });
                    throw CuboidException.Provider(CuboidErrorCodes.ProviderFailed, $"job {job.Id} succeeded but its output could not be downloaded after {attempt} attempts ({ex.Message}); try again with: cuboid jobs download {job.Id}", ex);
                }
            }

            outputs.Add(await _inspector.InspectAsync(output.Index, path, cancellationToken).ConfigureAwait(false) with { HostUri = output.Uri });
        }

        var check = _inspector.Compare(job.Request, job.Prices, outputs);
        return Save(job with
        {
            Outputs = outputs,
            DownloadAttempts = attempts,
            Warnings = [.. job.Warnings.Concat(check.Warnings).Distinct(StringComparer.Ordinal)],
            ActualCost = check.Cost,
            UpdatedAt = _time.GetUtcNow(),
        });
    }

    /// <summary>Asks the host to cancel; the job keeps being polled to its real end (a running job may still finish).</summary>
    public async Task<VideoJob> CancelAsync(string id, CancellationToken cancellationToken = default)
    {
        var job = Require(id);
        if (job.State.IsTerminal() || job.ProviderJobId is not { } providerId)
        {
            throw CuboidException.Usage(CuboidErrorCodes.JobState, CuboidParameters.JobId, $"job {job.Id} is {job.State.Word()}; there is nothing to cancel");
        }

        var generator = _generators.For(job.Host);
        if (!await generator.CancelAsync(providerId, cancellationToken).ConfigureAwait(false))
        {
            throw CuboidException.Usage(CuboidErrorCodes.JobState, CuboidParameters.JobId, $"{job.Host} has no cancel; job {job.Id} runs to its end there");
        }

        return Save(job with { Warnings = [.. job.Warnings, "cancel requested"], UpdatedAt = _time.GetUtcNow() });
    }

    /// <summary>
    /// A job left <c>submitting</c> (the process died between sending the create and its answer): found again where the
    /// host can list jobs; otherwise marked <c>unknown</c> for the user to check. Never re-sent.
    /// </summary>
    public async Task<VideoJob> ReconcileAsync(VideoJob job, CancellationToken cancellationToken = default)
    {
        var generator = _generators.For(job.Host);
        if (generator.GetService(typeof(IVideoJobFinder)) is IVideoJobFinder finder)
        {
            var found = await finder.FindSubmittedAsync(job.CreatedAt, job.HostModel, job.Request.Prompt, cancellationToken).ConfigureAwait(false);
            if (found is not null)
            {
                return Save(Apply(job with { ProviderJobId = found.ProviderJobId, SubmittedAt = job.CreatedAt, Warnings = [.. job.Warnings, "the create's answer was lost; the job was found in the host's job list"] }, found, countPoll: false));
            }

            return Save(job with { State = VideoJobState.Failed, RawState = "not-listed", Error = $"the create never reached {job.Host} (it is not in the host's job list); nothing was billed", UpdatedAt = _time.GetUtcNow(), FinishedAt = _time.GetUtcNow() });
        }

        return Save(job with { State = VideoJobState.Unknown, RawState = "create-unanswered", Error = $"the process stopped after sending the create and before {job.Host} answered; {job.Host} cannot list jobs, so check its dashboard. Cuboid will not re-send it", UpdatedAt = _time.GetUtcNow() });
    }

    // A read may be retried freely: transient failures back off, anything else is the job's provider error.
    private async Task<VideoJobStatus> ReadStatusAsync(IVideoGenerator generator, VideoJob job, string providerId, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await generator.GetAsync(providerId, cancellationToken).ConfigureAwait(false);
            }
            catch (ProviderCallException ex) when (ex.IsTransient && attempt < Options.PollFailures)
            {
                await Task.Delay(Next(Options.MinPollInterval * attempt, ex.RetryAfter), _time, cancellationToken).ConfigureAwait(false);
            }
            catch (ProviderCallException ex)
            {
                throw CuboidException.Provider(CuboidErrorCodes.ProviderFailed, $"job {job.Id} could not be read at {job.Host}: {ex.Message}", ex);
            }
        }
    }

    private static bool IsRefusal(ProviderCallException ex) => ex.StatusCode is not null
        || (ex.Kind == ProviderFailureKind.ConnectionFailed && ex.InnerException is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError });

    private async Task DownloadOneAsync(IVideoGenerator generator, string providerId, VideoOutput output, string path, CancellationToken cancellationToken)
    {
        var partial = path + ".part";
        try
        {
            var file = File.Create(partial);
            await using (file.ConfigureAwait(false))
            {
                await generator.DownloadAsync(providerId, output, file, cancellationToken).ConfigureAwait(false);
            }

            File.Move(partial, path, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    private VideoJob Apply(VideoJob job, VideoJobStatus status, bool countPoll)
    {
        var polls = countPoll ? job.Polls + 1 : job.Polls;
        if (!VideoJobStates.CanMove(job.State, status.State))
        {
            return job with { Polls = polls };
        }

        var now = _time.GetUtcNow();
        return job with
        {
            State = status.State,
            RawState = status.RawState,
            Progress = status.State == VideoJobState.Succeeded ? 1 : status.Progress ?? job.Progress,
            Error = status.Error ?? job.Error,
            ReportedCost = status.ReportedCost ?? job.ReportedCost,
            Polls = polls,
            UpdatedAt = now,
            FinishedAt = status.State.IsTerminal() ? now : job.FinishedAt,
        };
    }

    // The host's hint wins (within bounds); without one, back off by half again each time.
    private async Task PauseAsync(string id, TimeSpan interval, CancellationToken cancellationToken)
    {
        var pause = _pauses.GetOrAdd(id, _ => new CancellationTokenSource());
        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, pause.Token);
            await Task.Delay(interval, _time, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Woken: poll now.
        }
        finally
        {
            if (_pauses.TryRemove(KeyValuePair.Create(id, pause)))
            {
                pause.Dispose();
            }
        }
    }

    private TimeSpan Next(TimeSpan current, TimeSpan? hint)
    {
        var floor = hint is null ? Options.MinPollInterval : Options.MinHintedPollInterval;
        var next = hint ?? TimeSpan.FromTicks((long)(current.Ticks * 1.5));
        return next < floor ? floor : next > Options.MaxPollInterval ? Options.MaxPollInterval : next;
    }

    // The pause the unhinted back-off has reached after the job's polls so far.
    private TimeSpan Interval(VideoJob job)
    {
        var ticks = Options.MinPollInterval.Ticks * Math.Pow(1.5, Math.Min(job.Polls, 20));
        return ticks >= Options.MaxPollInterval.Ticks ? Options.MaxPollInterval : TimeSpan.FromTicks((long)ticks);
    }

    private VideoJob? SaveIfUnchanged(VideoJob job)
    {
        if (_store.TrySave(job) is not { } saved)
        {
            return null;
        }

        VideoJobSpans.Saved(saved); // [telemetry]
        LogSaved(saved);
        Changed?.Invoke(saved);
        return saved;
    }

    private VideoJob Save(VideoJob job)
    {
        _store.Save(job);
        VideoJobSpans.Saved(job); // [telemetry]
        LogSaved(job);
        Changed?.Invoke(job);
        return job;
    }

    private void LogSaved(VideoJob job)
    {
        if (Logger.IsEnabled(LogLevel.Debug))
        {
            Logger.JobSaved(job.Id, job.Host, job.HostModel, job.State.Word(), job.RawState, job.Polls, job.CreateAttempts);
        }
    }
}
