using Cuboid.Generation.Catalog;
using Cuboid.Generation.Images;
using Cuboid.Generation.Jobs;
using Cuboid.Generation.Routing;
using Cuboid.Portfolio;

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

    /// <summary>The run this session spends from and books into: the one given, else the current run, else its own without a budget.</summary>
    public RunScope Run { get; }

    /// <summary>The URL a host should call back for its jobs, by the host's API kind (<c>fal</c>, <c>replicate</c>), or null for none: a gateway's verified webhook routes.</summary>
    public Func<string, Uri?>? HostCallbacks { get; init; }

    /// <summary>Images (t2i, i2i) through the same catalog and hosts, spending from and booking into the same run: keyframes for long-form video.</summary>
    public PortfolioImageGenerator Images { get; }

    /// <summary>Images through this session's catalog and hosts, spending from and booking into another run (one gateway request's).</summary>
    public PortfolioImageGenerator ImagesFor(RunScope run) => new(_catalog, Hosts, _decay, run.Budget, run.Ledger, Time);

    /// <summary>How many of the newest stored jobs the latency policy measures.</summary>
    public const int LatencySampleJobs = 500;

    public TimeProvider Time { get; }

    public VideoHostDirectory Hosts { get; }

    public VideoJobRunner Runner { get; }

    public RunBudget Budget => Run.Budget;

    public UsageLedger Ledger => Run.Ledger;

    public RatingDecay Decay => _decay;

    /// <summary>The video catalog this session routes over.</summary>
    public VideoCatalog Catalog => _catalog;

    /// <summary>
    /// The routes in the order they would be tried, and those skipped; calls nothing and spends nothing. With
    /// <paramref name="assumeEveryHostConfigured"/> (a dry run), hosts without a key are planned and priced as if it were
    /// set, so a user sees what each route would cost before getting a key; <see cref="VideoHostDirectory.UnusableReason"/>
    /// says which of them cannot run here.
    /// </summary>
    public VideoRoutePlan Plan(GenerateRequest request, bool assumeEveryHostConfigured = false) =>
        new VideoRoutePlanner(_catalog, _decay, assumeEveryHostConfigured ? static _ => null : Hosts.UnusableReason, Latencies(request.Policy)).Plan(RouteRequest(Validate(request)));

    // Only the latency policy reads the store: the newest jobs' create-to-end times per route.
    private VideoLatencies Latencies(RoutingPolicy policy) =>
        policy == RoutingPolicy.Latency ? VideoLatencies.Measure(Runner.Store.List(LatencySampleJobs)) : VideoLatencies.None;

    /// <summary>Starts the job on the first route that accepts it, and (when <paramref name="wait"/>) waits for it, downloads and settles it.</summary>
    public async Task<GenerationOutcome> GenerateAsync(GenerateRequest request, bool wait = true, CancellationToken cancellationToken = default)
    {
        Validate(request);
        var first = request.FirstFramePath is { } firstPath ? FrameImage.Load(firstPath, CuboidParameters.FirstFrame) : null;
        var last = request.LastFramePath is { } lastPath ? FrameImage.Load(lastPath, CuboidParameters.LastFrame) : null;
        var plan = Plan(request);
        var refused = new List<VideoJob>();
        var unhealthy = new HashSet<string>(StringComparer.Ordinal);
        var overBudget = new List<VideoRouteCandidate>();
        foreach (var candidate in plan.Candidates)
        {
            if (unhealthy.Contains(candidate.Route.Host))
            {
                continue;
            }

            if (!Budget.TryReserve(candidate.EstimatedCost, out var reservation))
            {
                overBudget.Add(candidate);
                continue;
            }

            var outcome = await Runner.SubmitAsync(Submission(request, plan.Request, candidate, first, last), cancellationToken).ConfigureAwait(false);
            if (outcome.Refusal is { } refusal)
            {
                reservation.Settle(0);
                Book(outcome.Job, CallOutcome.Failed, 0);
                refused.Add(outcome.Job);
                if (refusal.Kind == ProviderFailureKind.Unauthorized)
                {
                    unhealthy.Add(candidate.Route.Host);
                }

                continue;
            }

            var job = outcome.Job;
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

        if (refused.Count == 0 && overBudget.Count > 0)
        {
            throw Budget.Exceeded(overBudget.Min(c => c.EstimatedCost), $"a {request.Seconds} s clip");
        }

        throw NoRoute(plan, refused);
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

        _ = request.Size ?? VideoSize.FromResolution(request.Resolution, request.AspectRatio);
        return request;
    }

    private static VideoRouteRequest RouteRequest(GenerateRequest request) => new()
    {
        Task = request.FirstFramePath is null ? "t2v" : "i2v",
        Seconds = request.Seconds,
        Size = request.Size ?? VideoSize.FromResolution(request.Resolution, request.AspectRatio),
        FirstFrame = request.FirstFramePath is not null,
        LastFrame = request.LastFramePath is not null,
        Audio = request.Audio,
        Seed = request.Seed is not null,
        Model = request.Model,
        Policy = request.Policy,
    };

    private VideoJobSubmission Submission(GenerateRequest request, VideoRouteRequest routed, VideoRouteCandidate candidate,
        Microsoft.Extensions.AI.DataContent? first, Microsoft.Extensions.AI.DataContent? last) => new()
    {
        Host = candidate.Route.Host,
        HostModel = candidate.Route.Model,
        Model = candidate.Model.Id,
        Task = routed.Task,
        Request = new VideoGenerationRequest(request.Prompt) { NegativePrompt = request.NegativePrompt, FirstFrame = first, LastFrame = last },
        Options = new VideoGenerationOptions
        {
            ModelId = candidate.Route.Model,
            Seconds = routed.Seconds,
            Resolution = routed.Size.Resolution,
            AspectRatio = routed.Size.AspectRatio,
            Size = request.Size,
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

    // Keys missing everywhere is a provider problem (exit 4); a request no route can make is the user's (exit 2).
    private static CuboidException NoRoute(VideoRoutePlan plan, IReadOnlyList<VideoJob> refused)
    {
        if (refused.Count > 0)
        {
            return CuboidException.Provider(CuboidErrorCodes.ProviderFailed, $"every route refused the create before a job started: {string.Join("; ", refused.Select(j => $"{j.Host}:{j.HostModel}: {j.Error}"))}");
        }

        var reasons = string.Join("; ", plan.Skipped.Select(s => $"{s.Route}: {s.Reason}"));
        var what = plan.Request.Model is { } model ? model : $"any {plan.Request.Task} model";
        return plan.Skipped.Count > 0 && plan.Skipped.All(s => s.Reason.StartsWith("no key", StringComparison.Ordinal))
            ? CuboidException.Provider(CuboidErrorCodes.ProviderUnavailable, $"no configured host serves {what}: {reasons}")
            : CuboidException.Usage(CuboidErrorCodes.ModelUnsuitable, CuboidParameters.Model, $"{what} cannot make a {plan.Request.Seconds} s {plan.Request.Size} {plan.Request.Task} clip with these options: {(reasons.Length == 0 ? "no route" : reasons)}");
    }
}
