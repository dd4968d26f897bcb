using System.Runtime.CompilerServices;
using Cuboid.Generation.Catalog;
using Cuboid.Generation.Images;
using Cuboid.Generation.Jobs;
using Cuboid.Generation.Providers;
using Cuboid.Generation.Routing;
using Cuboid.Portfolio;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cuboid.Generation;

/// <summary>
/// The entry point of <c>cuboid generate</c> (and of any host that generates video): route by policy and price, reserve
/// the estimate in the run's budget before the create, fall over to the next route only while no job has started (the
/// create was refused: 429 past the start deadline, 5xx, 4xx, no such host), then wait, download, check and settle the
/// budget from what was delivered. Every route tried is booked in the usage ledger. A job that started is never sent to
/// another host: its id routes back to its own. Budget and ledger are the <see cref="RunScope"/>'s, so a run that both
/// analyzes and generates spends from one budget and books into one ledger.
/// </summary>
public sealed class GenerationSession
{
    private readonly VideoCatalog _catalog;
    private readonly RatingDecay _decay;

    /// <summary>A session over <paramref name="catalog"/>'s hosts (keys from <paramref name="environment"/>), keeping jobs in <paramref name="store"/>; spends from <paramref name="run"/> (else the current run, else a run without a budget).</summary>
    public GenerationSession(VideoCatalog catalog, IVideoJobStore store, IEnvironmentVariables environment, HttpClient http,
        RunScope? run = null, VideoJobRunnerOptions? runnerOptions = null, TimeProvider? time = null)
    {
        _catalog = catalog;
        Time = time ?? TimeProvider.System;
        _decay = new RatingDecay(timeProvider: Time);
        Hosts = new VideoHostDirectory(catalog, environment, http, Time);
        Runner = new VideoJobRunner(store, Hosts, runnerOptions, Time);
        Run = run ?? RunScope.Current ?? new RunScope();
        Images = new PortfolioImageGenerator(catalog, Hosts, _decay, Run.Budget, Run.Ledger, Time);
    }

    /// <summary>Where the session's job runner logs: each saved job state (debug) and each refused create (information); none by default.</summary>
    public ILoggerFactory? LoggerFactory
    {
        get;
        init
        {
            field = value;
            Runner.Logger = value is null ? NullLogger.Instance : value.CreateLogger<VideoJobRunner>();
        }
    }

    /// <summary>The run this session spends from and books into: the one given, else the current run, else its own without a budget.</summary>
    public RunScope Run { get; }

    /// <summary>The URL a host should call back for its jobs, by the host's API kind (<c>fal</c>, <c>replicate</c>), or null for none: a gateway's verified webhook routes.</summary>
    public Func<string, Uri?>? HostCallbacks { get; init; }

    /// <summary>Images (t2i, i2i) through the same catalog and hosts, spending from and booking into the same run: keyframes for long-form video.</summary>
    public PortfolioImageGenerator Images { get; }

    /// <summary>Images through this session's catalog and hosts, spending from and booking into another run (one gateway request's).</summary>
    public PortfolioImageGenerator ImagesFor(RunScope run) => new(_catalog, Hosts, _decay, run.Budget, run.Ledger, Time);

    /// <summary>How many of the newest stored jobs the latency policy measures.</summary>
    internal const int LatencySampleJobs = 500;

    /// <summary>The clock for polling, deadlines and rating decay.</summary>
    public TimeProvider Time { get; }

    /// <summary>The catalog's hosts usable here, and a generator for each.</summary>
    public VideoHostDirectory Hosts { get; }

    /// <summary>The runner that drives this session's jobs (wait, download, cancel, reconcile).</summary>
    public VideoJobRunner Runner { get; }

    /// <summary>The run's budget (<see cref="RunScope.Budget"/>).</summary>
    public RunBudget Budget => Run.Budget;

    /// <summary>The run's usage ledger (<see cref="RunScope.Ledger"/>).</summary>
    public UsageLedger Ledger => Run.Ledger;

    /// <summary>The rating decay the quality policy ranks models by.</summary>
    public RatingDecay Decay => _decay;

    /// <summary>The video catalog this session routes over.</summary>
    public VideoCatalog Catalog => _catalog;

    /// <summary>
    /// The routes in the order they would be tried, and those skipped; calls nothing and spends nothing. With
    /// <paramref name="assumeEveryHostConfigured"/> (a dry run), hosts without a key are planned and priced as if it were
    /// set, so a user sees what each route would cost before getting a key; <see cref="VideoHostDirectory.UnusableReason"/>
    /// says which of them cannot run here. An extension (<see cref="GenerateRequest.ExtendJobId"/>) is planned for its
    /// source job's video: its size, and only routes that can extend a video of that host.
    /// </summary>
    public VideoRoutePlan Plan(GenerateRequest request, bool assumeEveryHostConfigured = false) =>
        Plan(request, ExtensionSourceOf(request), assumeEveryHostConfigured);

    /// <summary>
    /// As <see cref="Plan(GenerateRequest, bool)"/>, for an extension of a video not made yet (a long-form plan): the
    /// routes that could extend a video from <paramref name="source"/>'s host.
    /// </summary>
    internal VideoRoutePlan PlanExtension(GenerateRequest request, VideoExtensionSource source, bool assumeEveryHostConfigured = false) =>
        Plan(request, (null, source), assumeEveryHostConfigured);

    private VideoRoutePlan Plan(GenerateRequest request, (VideoJobOutput? Output, VideoExtensionSource Source)? extension, bool assumeEveryHostConfigured) =>
        new VideoRoutePlanner(_catalog, _decay, assumeEveryHostConfigured ? static _ => null : Hosts.UnusableReason, Latencies(request.Policy))
            .Plan(RouteRequest(Validate(request), extension));

    // Only the latency policy reads the store: the newest jobs' create-to-end times per route.
    private VideoLatencies Latencies(RoutingPolicy policy) =>
        policy == RoutingPolicy.Latency ? VideoLatencies.Measure(Runner.Store.List(LatencySampleJobs)) : VideoLatencies.None;

    /// <summary>Starts the job on the first route that accepts it, and (when <paramref name="wait"/>) waits for it, downloads and settles it.</summary>
    public async Task<GenerationOutcome> GenerateAsync(GenerateRequest request, bool wait = true, CancellationToken cancellationToken = default)
    {
        Validate(request);
        var source = request.ExtendJobId is { } extended ? Runner.Require(extended) : null;
        var first = request.FirstFramePath is { } firstPath ? FrameImage.Load(firstPath, CuboidParameters.FirstFrame) : null;
        var last = request.LastFramePath is { } lastPath ? FrameImage.Load(lastPath, CuboidParameters.LastFrame) : null;
        var plan = Plan(request);
        var refused = new List<VideoJob>();
        var outcome = await RoutedAttempts.FirstAcceptedAsync(plan, Budget, $"a {request.Seconds} s clip", async (candidate, reservation) =>
        {
            var submitted = await Runner.SubmitAsync(Submission(request, plan.Request, candidate, first, last, source), cancellationToken).ConfigureAwait(false);
            if (submitted.Refusal is { } refusal)
            {
                reservation.Settle(0);
                Book(submitted.Job, CallOutcome.Failed, 0);
                refused.Add(submitted.Job);
                return (null, refusal.Kind);
            }

            return (await FinishAsync(submitted.Job, plan, refused, reservation, wait, cancellationToken).ConfigureAwait(false), (ProviderFailureKind?)null);
        }).ConfigureAwait(false);
        return outcome ?? throw RoutedAttempts.NoRoute(plan, [.. refused.Select(j => $"{j.Host}:{j.HostModel}: {j.Error}")],
            "every route refused the create before a job started", $"a {plan.Request.Seconds} s {plan.Request.Size} {plan.Request.Task} clip");
    }

    /// <summary>
    /// Routes <paramref name="request"/> and records its job on the first route without sending the create, for a
    /// gateway that queues the create as a step (<see cref="SubmitRecordedAsync"/>) and answers at once.
    /// </summary>
    internal VideoJob Record(GenerateRequest request)
    {
        var plan = Plan(request);
        var candidate = plan.Candidates.Count > 0 ? plan.Candidates[0]
            : throw RoutedAttempts.NoRoute(plan, [], "no route can make it", $"a {plan.Request.Seconds} s {plan.Request.Size} {plan.Request.Task} clip");
        // The frames are read when the create is sent; the extended job is named in the record now.
        var source = request.ExtendJobId is { } extended ? Runner.Require(extended) : null;
        return Runner.Record(Submission(request, plan.Request, candidate, null, null, source));
    }

    /// <summary>
    /// Sends the create of a job <see cref="Record"/>ed for <paramref name="request"/>, once (null: already sent, or sent by
    /// another caller). A host that refuses the create before a job starts moves the job, under its id, to the next route
    /// of the plan, by the loop and rules <see cref="GenerateAsync"/> uses (<see cref="RoutedAttempts"/>: the ranked order,
    /// a host that refused the key skipped); each route's create is claimed on the job record, so one job is made at most.
    /// A job refused at its route by a caller that stopped before moving it (<see cref="VideoJobRunner.IsRefusedHere"/>)
    /// goes on from the route after that one, the hosts that refused the key (<see cref="VideoJob.Refusals"/>) skipped.
    /// </summary>
    internal async Task<VideoSubmitOutcome?> SubmitRecordedAsync(string jobId, GenerateRequest request, CancellationToken cancellationToken)
    {
        var job = Runner.Require(jobId);
        var refused = VideoJobRunner.IsRefusedHere(job) ? job : null;
        if (refused is null && (job.State != VideoJobState.Submitting || job.CreateAttempts > 0))
        {
            return null; // Sent already, or ended: whatever the plan says now, nothing is sent.
        }

        var source = request.ExtendJobId is { } extended ? Runner.Require(extended) : null;
        var first = request.FirstFramePath is { } firstPath ? FrameImage.Load(firstPath, CuboidParameters.FirstFrame) : null;
        var last = request.LastFramePath is { } lastPath ? FrameImage.Load(lastPath, CuboidParameters.LastFrame) : null;
        var plan = Plan(request);
        var start = plan.Candidates.ToList().FindIndex(c => c.Route.Host == job.Host && c.Route.Model == job.HostModel);
        if (start < 0)
        {
            // A refused job whose route left the plan: where its fallback stopped is unknown, so it stays failed.
            return refused is not null ? null
                : throw CuboidException.Usage(CuboidErrorCodes.JobState, CuboidParameters.JobId, $"job {job.Id}'s route {job.Host}:{job.HostModel} is no longer in the catalog here");
        }

        // Resumed: the routes up to the refused one were tried, and a host that refused the key stays skipped.
        var keyRefused = job.Refusals.Where(r => r.Kind == ProviderFailureKind.Unauthorized).Select(r => r.Host).ToHashSet(StringComparer.Ordinal);
        var remaining = plan.Candidates.Skip(refused is null ? start : start + 1).Where(c => !keyRefused.Contains(c.Route.Host));
        VideoSubmitOutcome? latest = null;
        var sent = await RoutedAttempts.FirstAcceptedAsync(plan with { Candidates = [.. remaining] }, Budget, $"a {request.Seconds} s clip", async (candidate, reservation) =>
        {
            // A queued job is paid from the gateway key's hold, not from this shared session's run.
            reservation.Settle(0);
            var submission = Submission(request, plan.Request, candidate, first, last, source);
            latest = refused is not null
                ? await Runner.RerouteAsync(refused, submission, cancellationToken).ConfigureAwait(false)
                : await Runner.SubmitRecordedAsync(jobId, submission, cancellationToken).ConfigureAwait(false);
            if (latest is { Refusal: { } refusal })
            {
                refused = latest.Job;
                return (null, refusal.Kind);
            }

            return (new StrongBox<VideoSubmitOutcome?>(latest), (ProviderFailureKind?)null);
        }).ConfigureAwait(false);
        // Every route refused: the job stays failed with the last refusal.
        return sent is null ? latest : sent.Value;
    }

    // A job the host accepted: waited for (unless not asked to), its reservation settled from what was delivered, booked.
    private async Task<GenerationOutcome> FinishAsync(VideoJob job, VideoRoutePlan plan, List<VideoJob> refused, BudgetReservation reservation, bool wait, CancellationToken cancellationToken)
    {
        if (job.State == VideoJobState.Unknown || !wait)
        {
            // The host may bill an unknown or still-running job: keep the estimate spent, never free it optimistically.
            reservation.Settle(job.EstimatedCost);
            Book(job, CallOutcome.Abandoned, job.EstimatedCost);
            return new GenerationOutcome(job, plan, refused);
        }

        try
        {
            job = await Runner.WaitAsync(job.Id, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            reservation.Settle(job.EstimatedCost);
            Book(job, CallOutcome.Abandoned, job.EstimatedCost);
            throw;
        }

        var cost = job.State == VideoJobState.Succeeded ? job.ActualCost ?? job.EstimatedCost : 0;
        reservation.Settle(cost);
        Book(job, job.State == VideoJobState.Succeeded ? CallOutcome.Succeeded : CallOutcome.Failed, cost);
        return new GenerationOutcome(job, plan, refused);
    }

    private static GenerateRequest Validate(GenerateRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Prompt))
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueMissing, CuboidParameters.Prompt, "the prompt is empty; say what the video should show");
        }

        if (request.Seconds <= 0)
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.Seconds, $"{CuboidParameters.Seconds} must be a positive whole number, not {request.Seconds}");
        }

        if (request.ExtendJobId is not null && (request.FirstFramePath ?? request.LastFramePath) is not null)
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.Extend, $"{CuboidParameters.Extend} continues a video from its own end; it takes no first or last frame");
        }

        _ = request.Size ?? VideoSize.FromResolution(request.Resolution, request.AspectRatio);
        return request;
    }

    // The finished job an extension continues, and what routing needs to know of it; a job not (yet) succeeded cannot be extended.
    private (VideoJobOutput? Output, VideoExtensionSource Source)? ExtensionSourceOf(GenerateRequest request)
    {
        if (request.ExtendJobId is not { } id)
        {
            return null;
        }

        var job = Runner.Require(id);
        if (job.State != VideoJobState.Succeeded || job.Outputs.Count == 0)
        {
            throw CuboidException.Usage(CuboidErrorCodes.JobState, CuboidParameters.Extend,
                $"job {job.Id} is {job.State.Word()}{(job.State == VideoJobState.Succeeded ? " but not downloaded" : "")}; only a finished job's video can be extended (cuboid jobs wait {job.Id})");
        }

        var output = job.Outputs[0];
        return (output, new VideoExtensionSource(job.Host, output.HostUri is not null && ExtensionSourceOn(job.Host).FetchableUrl));
    }

    /// <summary>
    /// A video made on <paramref name="host"/>, as routing sees it before it exists (a long-form plan): Veo's file URIs
    /// need the host's key and the OpenAI Videos shape gives no URL; fal, Replicate and Runway hand out CDN URLs.
    /// </summary>
    internal VideoExtensionSource ExtensionSourceOn(string host) =>
        new(host, _catalog.FindHost(host) is { } entry && VideoApiKinds.GivesFetchableUrls(entry.ApiKind));

    private static VideoRouteRequest RouteRequest(GenerateRequest request, (VideoJobOutput? Output, VideoExtensionSource Source)? extension) => new()
    {
        Task = extension is not null ? "extend" : request.FirstFramePath is null ? "t2v" : "i2v",
        Seconds = request.Seconds,
        // An extension continues its source at the source's own size.
        Size = extension?.Output is { } output ? new VideoSize(output.Width, output.Height)
            : request.Size ?? VideoSize.FromResolution(request.Resolution, request.AspectRatio),
        FirstFrame = request.FirstFramePath is not null,
        LastFrame = request.LastFramePath is not null,
        Audio = request.Audio,
        Seed = request.Seed is not null,
        Model = request.Model,
        Policy = request.Policy,
        ExtendSource = extension?.Source,
    };

    private VideoJobSubmission Submission(GenerateRequest request, VideoRouteRequest routed, VideoRouteCandidate candidate,
        Microsoft.Extensions.AI.DataContent? first, Microsoft.Extensions.AI.DataContent? last, VideoJob? source) => new()
    {
        Host = candidate.Route.Host,
        HostModel = candidate.Route.Model,
        Model = candidate.Model.Id,
        Task = routed.Task,
        Request = new VideoGenerationRequest(request.Prompt)
        {
            NegativePrompt = request.NegativePrompt, FirstFrame = first, LastFrame = last,
            SourceVideo = source?.Outputs[0].HostUri,
            SourceVideoId = source?.ProviderJobId,
        },
        Options = new VideoGenerationOptions
        {
            ModelId = candidate.Route.Model,
            Seconds = routed.Seconds,
            Resolution = routed.Size.Resolution,
            AspectRatio = routed.Size.AspectRatio,
            Size = source is null ? request.Size : routed.Size,
            Seed = request.Seed,
            GenerateAudio = candidate.Route.Audio ? request.Audio : null,
            WebhookUrl = HostCallbacks?.Invoke(_catalog.FindHost(candidate.Route.Host)?.ApiKind ?? candidate.Route.Host),
        },
        Record = new VideoJobRequest
        {
            Prompt = request.Prompt,
            NegativePrompt = request.NegativePrompt,
            Seconds = routed.Seconds,
            Size = routed.Size,
            FramesPerSecond = candidate.Route.FramesPerSecond,
            Audio = request.Audio,
            Seed = request.Seed,
            FirstFrame = request.FirstFramePath is { } f ? Path.GetFullPath(f) : null,
            LastFrame = request.LastFramePath is { } l ? Path.GetFullPath(l) : null,
            Extends = source?.Id,
        },
        EstimatedCost = candidate.EstimatedCost,
        Prices = candidate.Route.Prices,
    };

    private void Book(VideoJob job, CallOutcome outcome, decimal dollars) => Ledger.Record(new UsageRecord
    {
        Task = job.Task,
        Provider = job.Host,
        ModelId = $"{job.Host}:{job.HostModel}",
        Attempts = job.CreateAttempts,
        Outcome = outcome,
        Dollars = dollars,
        Latency = (job.FinishedAt ?? job.UpdatedAt) - job.CreatedAt,
        Error = outcome == CallOutcome.Succeeded ? null : job.Error,
        At = Time.GetUtcNow(),
    });
}
