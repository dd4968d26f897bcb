namespace Cuboid.Server.Videos;

/// <summary>What a queued video job holds on its key: the hold (null: nothing held) and the key period it counts in.</summary>
public sealed record VideoHold(string? HoldId, DateOnly PeriodStart);
