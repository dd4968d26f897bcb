namespace Cuboid.Portfolio;

/// <summary>
/// One observation of how good a model is at a task: the number, where it came from and when it was seen.
/// Ratings of one task share one scale (the shipped catalog uses 0-100).
/// </summary>
public sealed record ModelRating(string Task, double Rating, string Source, DateOnly Observed)
{
    /// <summary>Where the figure was read (a board, an API answer, an article quoting the board), so every number can be checked.</summary>
    public string? Url { get; init; }
}
