using Cuboid.Understanding.Reports;

namespace Cuboid.Understanding;

/// <summary>
/// What <c>cuboid analyze --dry-run</c> shows: the sampling plan (samples by reason, near-duplicates
/// skipped), audio minutes, the model per stage with estimated tokens and dollars, and what sending the
/// video whole to native video models would cost instead. No model is called to make it.
/// </summary>
public sealed record DryRunPlan(
    string Source,
    VideoFacts Video,
    IReadOnlyDictionary<string, int> SamplesByReason,
    int Kept,
    int SkippedDuplicates,
    double AudioMinutes,
    IReadOnlyList<StageEstimate> Stages,
    IReadOnlyList<NativeVideoQuote> NativeVideoComparison)
{
    public decimal TotalDollars => Stages.Sum(s => s.Dollars);
}
