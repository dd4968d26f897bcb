namespace Cuboid.Server.Store;

/// <summary>One spend row: a paid (or token-using) model call booked against a key's period.</summary>
public sealed record SpendEntry(DateTimeOffset At, string Task, string Model, long InputTokens, long OutputTokens, decimal Dollars);
