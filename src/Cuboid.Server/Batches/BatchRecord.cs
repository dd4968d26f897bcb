using Cuboid.Server.Analyses;

namespace Cuboid.Server.Batches;

/// <summary>A batch: whose it is, the analysis options every video shares and the most it may spend.</summary>
public sealed record BatchRecord
{
    public required string Id { get; init; }

    public string? KeyId { get; init; }

    public string? Name { get; init; }

    public required AnalysisSettings Settings { get; init; }

    /// <summary>Dollars the whole batch may spend (like a run's <c>--budget</c>); null: no limit beyond the key's.</summary>
    public decimal? Budget { get; init; }

    /// <summary>Caption calls in flight at once in each caption step (<c>concurrency</c>, 1-32); not part of the settings
    /// key: it changes how fast, not what the report says.</summary>
    public int CaptionConcurrency { get; init; } = DefaultCaptionConcurrency;

    public const int DefaultCaptionConcurrency = 4;

    public const int MaxCaptionConcurrency = 32;

    public required DateTimeOffset CreatedAt { get; init; }
}
