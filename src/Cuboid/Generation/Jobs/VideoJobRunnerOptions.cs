namespace Cuboid.Generation.Jobs;

/// <summary>How a job is waited for: poll intervals (the host's hint is honoured within them, else backing off), the wait deadline, download retries.</summary>
public sealed record VideoJobRunnerOptions
{
    public TimeSpan MinPollInterval { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxPollInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long to keep polling before giving up waiting (the job itself goes on at the host and can be waited for again).</summary>
    public TimeSpan WaitDeadline { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>GET attempts per output; a download retry only repeats the GET, never the create.</summary>
    public int DownloadAttempts { get; init; } = 4;

    /// <summary>Consecutive failed status requests (5xx, timeouts) tolerated before the wait gives up.</summary>
    public int PollFailures { get; init; } = 8;

    /// <summary>Seconds of difference between asked and delivered length that still count as a match.</summary>
    public double DurationTolerance { get; init; } = 0.5;
}
