namespace Cuboid.Understanding;

/// <summary>The one rule for naming the models that answered a stage, whoever counted the answers.</summary>
internal static class AnalysisModels
{
    /// <summary>Each model once, most answers first: the primary, then any fallback that answered.</summary>
    public static IReadOnlyList<string> MostAnswersFirst(IEnumerable<string> answeredBy) =>
        [.. answeredBy.GroupBy(m => m, StringComparer.Ordinal).OrderByDescending(g => g.Count()).Select(g => g.Key)];
}
