namespace Cuboid.Portfolio;

/// <summary>Retry, deadline, circuit-breaker and streaming settings of the router.</summary>
public sealed record ResilienceSettings
{
    /// <summary>Attempts per candidate model (first try included) for retryable failures.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>Deadline of one attempt; for a stream, for its first update and for each gap between updates.</summary>
    public double CallTimeoutSeconds { get; init; } = 120;

    /// <summary>First backoff delay; doubles each retry, with jitter.</summary>
    public double BaseDelaySeconds { get; init; } = 0.5;

    /// <summary>Longest backoff delay between retries.</summary>
    public double MaxDelaySeconds { get; init; } = 20;

    /// <summary>A Retry-After longer than this is not waited for: the router moves to the next candidate.</summary>
    public double MaxRetryAfterSeconds { get; init; } = 30;

    /// <summary>
    /// False (default): a stream falls over only before its first update reaches the caller; a later cut ends
    /// in an error, never in a silently truncated answer. True: the whole stream is read first, so any cut falls over.
    /// </summary>
    public bool BufferStreams { get; init; }

    /// <summary>Circuit breaker per provider: failure ratio that opens it.</summary>
    public double BreakerFailureRatio { get; init; } = 0.5;

    /// <summary>Circuit breaker: failures needed within the sampling window before it may open.</summary>
    public int BreakerMinimumThroughput { get; init; } = 4;

    /// <summary>Circuit breaker: the window over which the failure ratio is measured.</summary>
    public double BreakerSamplingSeconds { get; init; } = 30;

    /// <summary>How long an open circuit skips the provider.</summary>
    public double BreakerBreakSeconds { get; init; } = 30;

    /// <summary>Output tokens reserved for a call that does not set MaxOutputTokens.</summary>
    public int DefaultOutputTokens { get; init; } = 1024;

    /// <summary>Throws a usage error naming the first setting out of its range, e.g. <c>resilience.maxAttempts</c>.</summary>
    internal void Validate(string where = "config")
    {
        (string Setting, string Allowed)? bad =
            MaxAttempts < 1 ? ("maxAttempts", "at least 1")
            : CallTimeoutSeconds < 0.01 ? ("callTimeoutSeconds", "at least 0.01")
            : BaseDelaySeconds < 0 ? ("baseDelaySeconds", "0 or more")
            : MaxDelaySeconds < 0 ? ("maxDelaySeconds", "0 or more")
            : MaxRetryAfterSeconds < 0 ? ("maxRetryAfterSeconds", "0 or more")
            : BreakerFailureRatio is <= 0 or > 1 || double.IsNaN(BreakerFailureRatio) ? ("breakerFailureRatio", "above 0 and at most 1")
            : BreakerMinimumThroughput < 2 ? ("breakerMinimumThroughput", "at least 2")
            : BreakerSamplingSeconds < 0.5 ? ("breakerSamplingSeconds", "at least 0.5")
            : BreakerBreakSeconds < 0.5 ? ("breakerBreakSeconds", "at least 0.5")
            : DefaultOutputTokens < 1 ? ("defaultOutputTokens", "at least 1")
            : null;
        if (bad is { } outOfRange)
        {
            throw CuboidException.Usage(CuboidErrorCodes.ConfigInvalid, CuboidParameters.Resilience, $"{where}: resilience.{outOfRange.Setting} must be {outOfRange.Allowed}; see docs/CLI.md#configuration");
        }
    }
}
