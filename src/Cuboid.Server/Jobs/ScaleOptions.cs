namespace Cuboid.Server.Jobs;

/// <summary>
/// How this process takes part in scale-out, from the <c>Cuboid</c> configuration section (<c>cuboid serve --role
/// --queues --jobs --blobs</c>): which role it plays, which step queues it works and how many steps of each at once,
/// where the shared queue lives and where large files go.
/// </summary>
public sealed record ScaleOptions
{
    /// <summary><c>all</c> (default: API and worker in one process), <c>api</c> (accepts work, runs no step) or <c>worker</c>.</summary>
    public string Role { get; init; } = ServerRoles.All;

    /// <summary>Queues this worker takes steps from, each with its concurrency: <c>media:1,providers:8</c> by default.</summary>
    public string Queues { get; init; } = "media:1,providers:8";

    /// <summary>
    /// Hangfire's storage: a PostgreSQL URL (<c>postgres://user@host:5432/db</c>) or Npgsql connection string, shared by
    /// every process; unset or <c>memory</c> for one process (its steps are rebuilt from the store on start).
    /// </summary>
    public string? Jobs { get; init; }

    /// <summary>The blob folder (uploads, frames, reports), shared storage when scaled out; default <c>STORE/blobs</c>.</summary>
    public string? Blobs { get; init; }

    /// <summary>
    /// Seconds before PostgreSQL hands a step whose worker stopped answering to another worker (sliding, so a live
    /// worker keeps its step). Steps are short, so a few minutes is plenty.
    /// </summary>
    public int InvisibilitySeconds { get; init; } = 300;

    /// <summary>How often an idle worker asks PostgreSQL for a step, in milliseconds.</summary>
    public int PollMilliseconds { get; init; } = 200;

    /// <summary>
    /// Whether an idle worker waits on PostgreSQL's <c>LISTEN</c> for a new step (each enqueue sends a <c>NOTIFY</c>)
    /// instead of only polling, so a step starts within milliseconds; the poll stays as the fallback. On by default.
    /// </summary>
    public bool LongPolling { get; init; } = true;

    /// <summary>True when the queue is in this process's memory (one process only).</summary>
    public bool InMemory => Jobs is null or "" || string.Equals(Jobs, "memory", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether this process runs steps.</summary>
    public bool RunsSteps => Role is ServerRoles.All or ServerRoles.Worker;

    /// <summary>Checks the role, the queues and that a process of a cluster has a shared queue; throws a usage error.</summary>
    public IReadOnlyList<QueueConcurrency> Validate()
    {
        if (Role is not (ServerRoles.All or ServerRoles.Api or ServerRoles.Worker))
        {
            throw CuboidException.Usage($"--role must be api, worker or all, not '{Role}'");
        }

        if (Role is not ServerRoles.All && InMemory)
        {
            throw CuboidException.Usage($"--role {Role} shares its steps with other processes: give it the shared queue with --jobs postgres://...");
        }

        return QueueConcurrency.ParseList(Queues);
    }
}
