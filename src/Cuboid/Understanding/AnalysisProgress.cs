namespace Cuboid.Understanding;

/// <summary>
/// A progress report from one stage (<c>decode</c>, <c>caption</c>, <c>transcribe</c>, <c>synthesize</c>):
/// units done of a total (null when not known yet) and the dollars the run has spent so far. A stage that will not
/// run reports once, at the start, with <see cref="Skipped"/> saying why (<c>offline</c>, <c>no model</c>).
/// </summary>
public sealed record AnalysisProgress(string Stage, double Done, double? Total, decimal DollarsSoFar, bool Finished = false, string? Skipped = null);
