namespace Cuboid.Understanding.Reports;

/// <summary>
/// What one stage (<c>caption</c>, <c>transcribe</c>, <c>reason</c>) spent, totalled from the usage ledger.
/// <see cref="Models"/> names who answered, most answers first (a fallback that answered follows the primary);
/// <see cref="CacheHits"/> counts answers served from the cache, which cost nothing this run.
/// </summary>
public sealed record StageUsage(string Stage, int Calls, long InputTokens, long OutputTokens, double AudioSeconds, decimal Dollars, IReadOnlyList<string>? Models = null, int CacheHits = 0)
{
    /// <summary>A stage that made no call.</summary>
    public static StageUsage None(string stage) => new(stage, 0, 0, 0, 0, 0m);

    /// <summary>Value equality that compares <see cref="Models"/> by content (a record compares lists by reference).</summary>
    public bool Equals(StageUsage? other) =>
        other is not null && Stage == other.Stage && Calls == other.Calls && InputTokens == other.InputTokens && OutputTokens == other.OutputTokens
        && AudioSeconds.Equals(other.AudioSeconds) && Dollars == other.Dollars && CacheHits == other.CacheHits
        && (Models ?? []).SequenceEqual(other.Models ?? [], StringComparer.Ordinal);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Stage, Calls, Dollars, CacheHits);
}
