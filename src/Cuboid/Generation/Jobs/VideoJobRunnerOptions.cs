namespace Cuboid.Generation.Jobs;

/// <summary>How a job is waited for: poll intervals (the host's hint when it gives one, else backing off from the minimum), the wait deadline, download retries.</summary>
public sealed record VideoJobRunnerOptions
{
    /// <summary>The first pause between status requests when the host gives no hint (2 s).</summary>
    public TimeSpan MinPollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest pause between status requests, however long the job runs (30 s).</summary>
    public TimeSpan MaxPollInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The shortest wait a host's own poll-after hint can ask for (a hint is honoured down to this, not down to zero).</summary>
    public TimeSpan MinHintedPollInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long to keep polling before giving up waiting (the job itself goes on at the host and can be waited for again).</summary>
    public TimeSpan WaitDeadline { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>GET attempts per output; a download retry only repeats the GET, never the create.</summary>
    public int DownloadAttempts { get; init; } = 4;

    /// <summary>Consecutive failed status requests (5xx, timeouts) tolerated before the wait gives up.</summary>
    public int PollFailures { get; init; } = 8;

    /// <summary>Seconds of difference between asked and delivered length that still count as a match.</summary>
    public double DurationTolerance { get; init; } = 0.5;
}
