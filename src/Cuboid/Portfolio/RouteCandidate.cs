using System.Text.Json.Serialization;

namespace Cuboid.Portfolio;

/// <summary>
/// One model the router would try, in order: its catalog entry (context window, prices), the rating
/// the policy saw, the estimated cost of the planned call, and a one-line reason.
/// </summary>
public sealed record RouteCandidate
{
    /// <summary>Position in the plan, from 1.</summary>
    public required int Rank { get; init; }

    /// <summary>The catalog entry (not serialized: its id, window and prices are).</summary>
    [JsonIgnore]
    public CatalogModel Model { get; init; } = null!;

    /// <summary>The model's <c>provider:model</c> id.</summary>
    public string ModelId => Model.Id;

    /// <summary>The model's provider id.</summary>
    public string Provider => Model.Provider;

    /// <summary>The model's context window in tokens, if known.</summary>
    public int? ContextWindow => Model.ContextWindow;

    /// <summary>The model's catalog prices, if known.</summary>
    public ModelPrices? Prices => Model.Prices;

    /// <summary>The rating the policy ordered by: the latest rating decayed by age (or the prior when unrated).</summary>
    public required double EffectiveRating { get; init; }

    /// <summary>The latest rating before decay; null when unrated.</summary>
    public double? RawRating { get; init; }

    /// <summary>Age of the latest rating in days; null when unrated.</summary>
    public double? RatingAgeDays { get; init; }

    /// <summary>Estimated dollars for the planned request; 0 for a local model or an unpriced one (see <see cref="Priced"/>).</summary>
    public required decimal EstimatedCost { get; init; }

    /// <summary>Whether the catalog prices everything the planned call uses.</summary>
    public required bool Priced { get; init; }

    /// <summary>Median latency observed in this run, if the model has answered yet.</summary>
    public TimeSpan? ObservedLatency { get; init; }

    /// <summary>One line saying why the model is at this place (policy, rating, price, pin).</summary>
    public required string Why { get; init; }
}
