namespace Cuboid.Understanding;

/// <summary>A model the portfolio would use for a task, with what planning needs: its context window and list prices.</summary>
public sealed record ModelQuote(
    string ModelId,
    int? ContextWindow = null,
    decimal? InputPerMTok = null,
    decimal? OutputPerMTok = null,
    decimal? PerAudioMinute = null,
    decimal? PerImage = null,
    int? ImageInputTokens = null)
{
    /// <summary>Output tokens a reasoning model spends thinking on top of each answer (see <c>CatalogModel.ReasoningTokens</c>).</summary>
    public int? ReasoningTokens { get; init; }
}
