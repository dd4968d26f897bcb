namespace Cuboid.Understanding.Reports;

/// <summary>How many near-duplicate samples were not captioned, and the estimated dollars that saved.</summary>
public sealed record DuplicateSavings(int Skipped, decimal DollarsSaved);
