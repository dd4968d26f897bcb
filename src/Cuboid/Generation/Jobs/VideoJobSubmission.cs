using Cuboid.Generation.Catalog;

namespace Cuboid.Generation.Jobs;

/// <summary>Everything needed to start one job on one route: the host and its model, the request in both forms, and the route's prices.</summary>
internal sealed record VideoJobSubmission
{
    public required string Host { get; init; }

    public required string HostModel { get; init; }

    public string? Model { get; init; }

    public required string Task { get; init; }

    public required VideoGenerationRequest Request { get; init; }

    public required VideoGenerationOptions Options { get; init; }

    /// <summary>The request as the job record keeps it.</summary>
    public required VideoJobRequest Record { get; init; }

    public decimal EstimatedCost { get; init; }

    /// <summary>The route's SKUs, kept on the job so a resumed job settles at the price it was started at.</summary>
    public IReadOnlyList<VideoPrice> Prices { get; init; } = [];
}
