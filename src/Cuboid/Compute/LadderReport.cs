namespace Cuboid.Compute;

/// <summary>The modality ladder: rungs side by side, the assumptions behind them, and what they say about the rule of thumb.</summary>
public sealed record LadderReport(IReadOnlyList<LadderRung> Rungs, IReadOnlyList<string> Assumptions, IReadOnlyList<string> Findings);
