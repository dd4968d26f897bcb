namespace Cuboid.Generation.Jobs;

/// <summary>
/// The one record of a video job, whatever the host: who makes it (canonical model, host, host model), the host's job
/// id once known, the normalised state beside the host's word, progress, times, attempts, estimated and actual cost,
/// the kept outputs and the warnings from checking them. Immutable: every change is a new record saved to the store.
/// </summary>
public sealed record VideoJob
{
    /// <summary>Cuboid's id of the job, <c>{host}.{time-ordered hex}</c>; it exists before the create is sent.</summary>
    public required string Id { get; init; }

    /// <summary>The host that runs it (<c>fal</c>, <c>replicate</c>, <c>openrouter</c>).</summary>
    public required string Host { get; init; }

    /// <summary>The host's model or endpoint id.</summary>
    public required string HostModel { get; init; }

    /// <summary>The canonical catalog model (<c>google:veo-3.1-fast</c>), when routed through the catalog.</summary>
    public string? Model { get; init; }

    /// <summary><c>t2v</c> or <c>i2v</c>.</summary>
    public required string Task { get; init; }

    /// <summary>What was asked, kept to check the delivered video against and to resume the job.</summary>
    public required VideoJobRequest Request { get; init; }

    /// <summary>The host's own job id; null while <c>submitting</c> and when the create never reached the host.</summary>
    public string? ProviderJobId { get; init; }

    /// <summary>The normalised state (<c>submitting</c> until the host answers the create).</summary>
    public VideoJobState State { get; init; } = VideoJobState.Submitting;

    /// <summary>The host's own word for the state (<c>IN_PROGRESS</c>, <c>starting</c>).</summary>
    public string? RawState { get; init; }

    /// <summary>Fraction done, 0-1, when the host reports it; else null.</summary>
    public double? Progress { get; init; }

    /// <summary>When the job was recorded, before the create was sent.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the host accepted the create; null before.</summary>
    public DateTimeOffset? SubmittedAt { get; init; }

    /// <summary>When the record last changed.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When the job reached a terminal state; null before.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Create requests sent: 1 for every job that reached the host (a create is never repeated).</summary>
    public int CreateAttempts { get; init; }

    /// <summary>Status requests sent to the host so far.</summary>
    public int Polls { get; init; }

    /// <summary>Output GET requests sent so far (retries included).</summary>
    public int DownloadAttempts { get; init; }

    /// <summary>Dollars reserved before the create: requested seconds at the route's price.</summary>
    public decimal EstimatedCost { get; init; }

    /// <summary>Dollars settled from what was delivered (seconds and resolution actually received).</summary>
    public decimal? ActualCost { get; init; }

    /// <summary>What the host said it charged, when it says (kept to compare, never trusted alone).</summary>
    public decimal? ReportedCost { get; init; }

    /// <summary>The route's SKUs when the job started: the cost is settled at these, even if the catalog changed since.</summary>
    public IReadOnlyList<Catalog.VideoPrice> Prices { get; init; } = [];

    /// <summary>The downloaded outputs kept in the store, in the host's order; empty until downloaded.</summary>
    public IReadOnlyList<VideoJobOutput> Outputs { get; init; } = [];

    /// <summary>What checking the outputs against the request found (a shorter clip, another size, no audio).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>
    /// The routes that refused the create before a job started there, oldest first. The job moved on from each; when the
    /// newest is the job's own route and the job is failed, it has not been moved yet (or no route was left).
    /// </summary>
    public IReadOnlyList<VideoJobRefusal> Refusals { get; init; } = [];

    /// <summary>
    /// The store's revision of this record (0: never saved): every save bumps it, and <see cref="IVideoJobStore.TrySave"/>
    /// writes only over the revision the caller read, so two workers cannot both move a job on.
    /// </summary>
    public long Version { get; init; }

    /// <summary>Why the job failed, in one line that never contains a key; null unless it failed.</summary>
    public string? Error { get; init; }

    /// <summary>Done and downloaded (or done for good without outputs).</summary>
    public bool IsSettled => State.IsTerminal() && (State != VideoJobState.Succeeded || Outputs.Count > 0);
}
