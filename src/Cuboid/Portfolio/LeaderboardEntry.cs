namespace Cuboid.Portfolio;

/// <summary>One row of <c>cuboid models</c>: a model on a task, its raw and decayed rating, prices, and whether it is usable here.</summary>
public sealed record LeaderboardEntry(string Task, string ModelId, double? RawRating, double EffectiveRating, double? AgeDays, string? Source, ModelPrices? Prices, int? ContextWindow, bool Usable, string Status);
