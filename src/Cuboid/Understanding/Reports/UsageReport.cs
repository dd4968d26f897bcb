namespace Cuboid.Understanding.Reports;

/// <summary>Usage per stage and the total; <see cref="Total"/> is always the sum of <see cref="Stages"/>.</summary>
public sealed record UsageReport(IReadOnlyList<StageUsage> Stages)
{
    public static UsageReport Empty { get; } = new([]);

    public StageUsage Total => new(
        "total",
        Stages.Sum(s => s.Calls),
        Stages.Sum(s => s.InputTokens),
        Stages.Sum(s => s.OutputTokens),
        Stages.Sum(s => s.AudioSeconds),
        Stages.Sum(s => s.Dollars));
}
