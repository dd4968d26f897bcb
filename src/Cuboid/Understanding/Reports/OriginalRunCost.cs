namespace Cuboid.Understanding.Reports;

/// <summary>What the earlier run that paid for this run's cached answers cost, and when it finished.</summary>
public sealed record OriginalRunCost(decimal Dollars, DateTimeOffset FinishedAt);
