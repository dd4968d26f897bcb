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

    public required DateTimeOffset CreatedAt { get; init; }
}
