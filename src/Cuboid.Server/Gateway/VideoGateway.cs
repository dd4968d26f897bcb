using Cuboid.Generation;
using Cuboid.Generation.Catalog;
using Cuboid.Generation.Jobs;
using Cuboid.Generation.Routing;
using Cuboid.Portfolio;

namespace Cuboid.Server.Gateway;

/// <summary>
/// The server's one door into the library's video generation: one <see cref="GenerationSession"/> for the process
/// (video catalog, hosts, the job runner over the durable job store in the store folder). Routing by policy and price,
/// fallback before a job starts, polling, download and output checks are the library's.
/// </summary>
public sealed class VideoGateway(GenerationSession session)
{
    /// <summary>The shipped video catalog (plus <see cref="ServerOptions.VideoCatalog"/>), hosts keyed from the server's environment, jobs in the gateway's job store.</summary>
    public static VideoGateway Load(ServerOptions options, IVideoJobStore jobs, IEnvironmentVariables environment, HttpClient http, Func<string, Uri?>? hostCallbacks = null) =>
        new(new GenerationSession(VideoCatalog.Load(options.VideoCatalog), jobs, environment, http) { HostCallbacks = hostCallbacks });

    public TimeProvider Time => session.Time;

    /// <summary>Sends the session's job logs (each saved state, refused creates) to <paramref name="logging"/>.</summary>
    // A factory the session was given (<see cref="GenerationSession.LoggerFactory"/>) is kept.
    internal void LogTo(Microsoft.Extensions.Logging.ILoggerFactory logging)
    {
        if (session.LoggerFactory is null)
        {
            session.Runner.Logger = logging.CreateLogger<VideoJobRunner>();
        }
    }

    /// <summary>The video and image tasks of the catalog (<c>t2v</c>, <c>i2v</c>, <c>t2i</c>, ...).</summary>
    public IReadOnlyList<string> Tasks => [.. session.Catalog.Models.SelectMany(m => m.Tasks).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>A task's models by decayed rating, as <c>cuboid models --task t2v</c> lists them.</summary>
    internal IReadOnlyList<VideoLeaderboardEntry> Leaderboard(string task) => VideoLeaderboard.Build(session.Catalog, session.Decay, session.Hosts, task);

    /// <summary>A catalog model by id.</summary>
    public VideoModel? FindModel(string id) => session.Catalog.Models.FirstOrDefault(m => m.Id == id);

    public VideoRoutePlan Plan(GenerateRequest request) => session.Plan(request);

    /// <summary>The image portfolio over the same catalog and hosts, spending from and booking into <paramref name="run"/>.</summary>
    public Cuboid.Generation.Images.PortfolioImageGenerator ImagesFor(RunScope run) => session.ImagesFor(run);

    /// <summary>Polls job <paramref name="id"/> now (a verified host webhook said it moved); the poll decides its state.</summary>
    public void Wake(string id) => session.Runner.Wake(id);

    /// <summary>Starts the job on the first route that accepts it and returns at once (the job is <c>queued</c> or later).</summary>
    public async Task<VideoJob> SubmitAsync(GenerateRequest request, CancellationToken cancellationToken) =>
        (await session.GenerateAsync(request, wait: false, cancellationToken)).Job;

    /// <summary>Routes the request and records its job without sending the create: the submit step sends it (<see cref="SubmitRecordedAsync"/>).</summary>
    public VideoJob Record(GenerateRequest request) => session.Record(request);

    /// <summary>Sends a recorded job's create, once across every worker (null: it was sent already).</summary>
    internal Task<VideoSubmitOutcome?> SubmitRecordedAsync(string id, GenerateRequest request, CancellationToken cancellationToken) =>
        session.SubmitRecordedAsync(id, request, cancellationToken);

    /// <summary>One poll, saved by compare-and-swap (null: another poller moved the job first); the pause before the next, or none once it ended.</summary>
    public Task<(VideoJob Job, TimeSpan? Next)?> PollOnceAsync(string id, CancellationToken cancellationToken) => session.Runner.PollOnceAsync(id, cancellationToken);

    /// <summary>The shortest pause between two polls of a job with no hint from its host.</summary>
    public TimeSpan MinPollInterval => session.Runner.Options.MinPollInterval;

    /// <summary>Saves a job only over the record it was read from (compare-and-swap); null when another writer moved it first.</summary>
    public VideoJob? TrySave(VideoJob job) => session.Runner.Store.TrySave(job);

    /// <summary>Downloads a succeeded job's outputs and checks them against the request.</summary>
    public Task<VideoJob> DownloadAsync(string id, CancellationToken cancellationToken) => session.Runner.DownloadAsync(id, cancellationToken);

    /// <summary>Polls the job to its end, then downloads and checks its outputs (resumes after a restart).</summary>
    public Task<VideoJob> WaitAsync(string id, CancellationToken cancellationToken) => session.Runner.WaitAsync(id, cancellationToken);

    public Task<VideoJob> CancelAsync(string id, CancellationToken cancellationToken) => session.Runner.CancelAsync(id, cancellationToken);

    public VideoJob? Find(string id) => session.Runner.Store.Find(id);

    /// <summary>Deletes a job's downloaded outputs (the job record stays, for the books).</summary>
    public static void DeleteOutputs(VideoJob job)
    {
        foreach (var output in job.Outputs.Where(o => File.Exists(o.Path)))
        {
            File.Delete(output.Path);
        }
    }

    /// <summary>What a finished job cost, as the library settles it: delivered seconds at the route's prices when it succeeded, else nothing.</summary>
    public static decimal CostOf(VideoJob job) => job.State == VideoJobState.Succeeded ? job.ActualCost ?? job.EstimatedCost : 0;

    /// <summary>The ledger record of a finished job, as the library books one.</summary>
    public UsageRecord RecordOf(VideoJob job) => new()
    {
        Task = job.Task,
        Provider = job.Host,
        ModelId = job.Model ?? $"{job.Host}:{job.HostModel}",
        Attempts = job.CreateAttempts,
        Outcome = job.State == VideoJobState.Succeeded ? CallOutcome.Succeeded : CallOutcome.Failed,
        Dollars = CostOf(job),
        At = session.Time.GetUtcNow(),
    };
}
