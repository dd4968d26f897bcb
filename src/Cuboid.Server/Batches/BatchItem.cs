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

    /// <summary>
    /// An item from a row of the stores' item query (id, batch, name, hash, status, error, reused from, then the times and
    /// dollars, which each store reads in its own types).
    /// </summary>
    internal static BatchItem FromRow(System.Data.Common.DbDataReader row, DateTimeOffset createdAt, DateTimeOffset? finishedAt, decimal dollars) => new()
    {
        Id = row.GetString(0),
        BatchId = row.GetString(1),
        Name = row.GetString(2),
        ContentHash = row.GetString(3),
        Status = row.GetString(4),
        Error = row.IsDBNull(5) ? null : row.GetString(5),
        ReusedFrom = row.IsDBNull(6) ? null : row.GetString(6),
        CreatedAt = createdAt,
        FinishedAt = finishedAt,
        Dollars = dollars,
    };
}
