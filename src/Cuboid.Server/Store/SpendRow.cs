namespace Cuboid.Server.Store;

/// <summary>One booked charge: which key paid, when, for which task and model, the tokens and the dollars.</summary>
public sealed record SpendRow(string KeyId, DateTimeOffset At, string Task, string Model, long InputTokens, long OutputTokens, decimal Dollars);
