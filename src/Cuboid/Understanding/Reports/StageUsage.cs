namespace Cuboid.Understanding.Reports;

/// <summary>What one stage (<c>caption</c>, <c>transcribe</c>, <c>reason</c>) spent, totalled from the usage ledger.</summary>
public sealed record StageUsage(string Stage, int Calls, long InputTokens, long OutputTokens, double AudioSeconds, decimal Dollars)
{
    public static StageUsage None(string stage) => new(stage, 0, 0, 0, 0, 0m);
}
