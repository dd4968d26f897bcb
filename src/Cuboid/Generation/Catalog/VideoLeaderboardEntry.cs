namespace Cuboid.Generation.Catalog;

/// <summary>One row of the video leaderboard: the model, its raw and decayed rating, the cheapest price per second, its capabilities and whether a host here can run it.</summary>
internal sealed record VideoLeaderboardEntry(
    string Task,
    string ModelId,
    string? Name,
    double? RawRating,
    double EffectiveRating,
    double? AgeDays,
    decimal? CheapestPerSecond,
    IReadOnlyList<string> Routes,
    IReadOnlyList<string> Capabilities,
    bool Usable);
