using System.Text.Json.Serialization;

namespace Cuboid.Portfolio;

/// <summary>
/// One model the router would try, in order: its catalog entry (context window, prices), the rating
/// the policy saw, the estimated cost of the planned call, and a one-line reason.
/// </summary>
public sealed record RouteCandidate
{
    public required int Rank { get; init; }

    /// <summary>The catalog entry (not serialized: its id, window and prices are).</summary>
    [JsonIgnore]
    public CatalogModel Model { get; init; } = null!;

    public string ModelId => Model.Id;

    public string Provider => Model.Provider;

    public int? ContextWindow => Model.ContextWindow;

    public ModelPrices? Prices => Model.Prices;

    public required double EffectiveRating { get; init; }

    public double? RawRating { get; init; }

    public double? RatingAgeDays { get; init; }

    /// <summary>Estimated dollars for the planned request; 0 for a local model or an unpriced one (see <see cref="Priced"/>).</summary>
    public required decimal EstimatedCost { get; init; }

    public required bool Priced { get; init; }

    /// <summary>Median latency observed in this run, if the model has answered yet.</summary>
    public TimeSpan? ObservedLatency { get; init; }

    public required string Why { get; init; }
}
