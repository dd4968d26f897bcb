namespace Cuboid.Portfolio;

/// <summary>
/// How a model stands on one task today: its latest raw rating, how old that is, and the decayed
/// effective rating the router uses. A model with no rating stands at the prior (the middle of the field).
/// </summary>
public sealed record RatingStanding(string ModelId, string Task, double? RawRating, string? Source, DateOnly? Observed, double? AgeDays, double EffectiveRating, double Prior);
