using System.Text.Json.Serialization;

namespace Cuboid.Understanding.Reports;

/// <summary>
/// Usage per stage and the total; <see cref="Total"/> is always the sum of <see cref="Stages"/>. When answers came
/// from the cache, <see cref="OriginalRun"/> is the earlier run of the same video that paid for them (if it is known).
/// </summary>
public sealed record UsageReport(IReadOnlyList<StageUsage> Stages)
{
    /// <summary>No stage used anything.</summary>
    public static UsageReport Empty { get; } = new([]);

    /// <summary>The earlier run that paid for the cached answers, if known.</summary>
    public OriginalRunCost? OriginalRun { get; init; }

    /// <summary>The sum over <see cref="Stages"/>.</summary>
    public StageUsage Total => new(
        "total",
        Stages.Sum(s => s.Calls),
        Stages.Sum(s => s.InputTokens),
        Stages.Sum(s => s.OutputTokens),
        Stages.Sum(s => s.AudioSeconds),
        Stages.Sum(s => s.Dollars),
        CacheHits: Stages.Sum(s => s.CacheHits));

    /// <summary>The total as a table's last row: it reads "from cache" only when every answer did.</summary>
    [JsonIgnore]
    public StageUsage TotalRow => Total with { CacheHits = AllFromCache ? Total.CacheHits : 0 };

    /// <summary>Every answer of this run came from the cache: nothing was paid for this time.</summary>
    [JsonIgnore]
    public bool AllFromCache => Stages.Any(s => s.CacheHits > 0) && Stages.All(s => s.Calls == 0);
}
