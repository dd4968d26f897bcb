using System.Text.Json.Serialization;
using Cuboid.Understanding.Reports;

namespace Cuboid.Understanding;

/// <summary>
/// What <c>cuboid analyze --dry-run</c> shows: the sampling plan (samples by reason, near-duplicates
/// skipped), audio minutes, the model per stage with estimated tokens and dollars, and what sending the
/// video whole to native video models would cost instead, and the run's budget beside the estimate. No model is called to make it.
/// </summary>
public sealed record DryRunPlan(
    string Source,
    VideoFacts Video,
    IReadOnlyDictionary<string, int> SamplesByReason,
    int Kept,
    int SkippedDuplicates,
    double AudioMinutes,
    IReadOnlyList<StageEstimate> Stages,
    IReadOnlyList<NativeVideoQuote> NativeVideoComparison,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] PlanBudget? Budget = null)
{
    /// <summary>Set when the file is truncated: the plan (samples, audio minutes, prices) covers its decodable part only.</summary>
    public TruncationFacts? Truncated { get; init; }

    /// <summary>What the decode pass warned about (truncation, corrupt frames), as the real run would.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>What the run would cost: the stages that can run here (a stage priced on a default nobody configured cannot).</summary>
    public decimal TotalDollars => Stages.Where(s => s.Configured).Sum(s => s.Dollars);

    /// <summary>The most the run can cost on the planned models: a budget this large never stops it.</summary>
    public decimal WorstCaseDollars => Stages.Where(s => s.Configured).Sum(s => s.WorstCaseDollars);

    /// <summary>False when a stage's model has no catalog price, so <see cref="TotalDollars"/> is a lower bound.</summary>
    public bool PriceKnown => Stages.Where(s => s.Configured).All(s => s.PriceKnown);

    /// <summary>The stages that cannot run here for want of a provider: priced for comparison, not in the total.</summary>
    [JsonIgnore]
    public IEnumerable<StageEstimate> Missing => Stages.Where(s => !s.Configured);
}
