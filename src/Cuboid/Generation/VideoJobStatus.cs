namespace Cuboid.Generation;

/// <summary>
/// What a host says about a job at one moment: its id there, the host's own state word and the normalised
/// <see cref="State"/>, progress when given, outputs once finished, the failure, the host's poll-after hint and
/// the cost it reports (when it does).
/// </summary>
public sealed record VideoJobStatus
{
    /// <summary>The host's id of the job.</summary>
    public required string ProviderJobId { get; init; }

    /// <summary>The host's own word for the state (<c>IN_QUEUE</c>, <c>processing</c>).</summary>
    public required string RawState { get; init; }

    /// <summary><see cref="RawState"/> normalised to Cuboid's states.</summary>
    public required VideoJobState State { get; init; }

    /// <summary>0-1, when the host reports it.</summary>
    public double? Progress { get; init; }

    /// <summary>The finished job's outputs (URLs or host references); empty before it succeeds.</summary>
    public IReadOnlyList<VideoOutput> Outputs { get; init; } = [];

    /// <summary>The host's reason for a failure, never containing a key.</summary>
    public string? Error { get; init; }

    /// <summary>The host's hint for when to ask again.</summary>
    public TimeSpan? PollAfter { get; init; }

    /// <summary>Dollars the host says it charged, when it says so (OpenRouter's <c>usage.cost</c>).</summary>
    public decimal? ReportedCost { get; init; }
}
