namespace Cuboid.Server.Batches;

/// <summary>
/// One video of a batch: its name as submitted, its content hash (how a re-submitted video is recognised), where it
/// stands (<see cref="BatchItemStatus"/>), what its steps cost, and the earlier item whose report it reuses, if any.
/// </summary>
public sealed record BatchItem
{
    public required string Id { get; init; }

    public required string BatchId { get; init; }

    public required string Name { get; init; }

    public required string ContentHash { get; init; }

    public required string Status { get; init; }

    public string? Error { get; init; }

    public decimal Dollars { get; init; }

    /// <summary>The item whose report this one is (a video finished before with the same options): nothing was paid again.</summary>
    public string? ReusedFrom { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>The item that holds the report: itself, or the one it reuses.</summary>
    public string ReportItemId => ReusedFrom ?? Id;

    public bool IsFinished => Status is BatchItemStatus.Completed or BatchItemStatus.Failed;
}
