namespace Cuboid.Understanding;

/// <summary>
/// A progress report from one stage (<c>decode</c>, <c>caption</c>, <c>transcribe</c>, <c>synthesize</c>):
/// units done of a total (null when not known yet), the dollars this stage has spent (<see cref="StageDollars"/>)
/// and the run as a whole (<see cref="DollarsSoFar"/>). A stage that will not run reports once, before the decode
/// starts, with <see cref="Skipped"/> saying why (<c>offline</c>, <c>no provider configured</c>, <c>no model</c>).
/// For <c>caption</c>, done counts frames captioned and near-duplicates skipped (<see cref="Duplicates"/> of
/// them), and the total is the planned number of samples, which only grows when the video has more cuts than planned.
/// </summary>
public sealed record AnalysisProgress(string Stage, double Done, double? Total, decimal DollarsSoFar, bool Finished = false, string? Skipped = null)
{
    /// <summary>Dollars this stage has spent so far.</summary>
    public decimal StageDollars { get; init; }

    /// <summary>For <c>caption</c>: samples skipped as near-duplicates of the previous one (counted in <c>Done</c>).</summary>
    public int Duplicates { get; init; }
}
