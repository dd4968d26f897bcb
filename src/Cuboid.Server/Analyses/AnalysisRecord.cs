namespace Cuboid.Server.Analyses;

/// <summary>An analysis the gateway accepted: whose it is, its options, where it stands and what it cost.</summary>
public sealed record AnalysisRecord
{
    public required string Id { get; init; }

    public string? KeyId { get; init; }

    /// <summary>The uploaded file's name, for display only (never part of a path).</summary>
    public string? FileName { get; init; }

    /// <summary>queued, running, completed, failed.</summary>
    public required string Status { get; init; }

    public required AnalysisSettings Settings { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    public string? Error { get; init; }

    public decimal Dollars { get; init; }

    /// <summary>The dollars held on the key for this run (its worst case).</summary>
    public decimal Reserved { get; init; }
}
