namespace Cuboid.Portfolio;

/// <summary>What a run starts with (<see cref="ModelRouter.BeginRun"/>).</summary>
public sealed record RunOptions
{
    /// <summary>The run's id, e.g. a request or job id; default a new UUID v7 (hex).</summary>
    public string? Id { get; init; }

    /// <summary>Dollars the run may spend on model calls; null for the configured <c>budget</c> (none when it sets none).</summary>
    public decimal? Budget { get; init; }
}
