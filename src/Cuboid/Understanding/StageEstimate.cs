namespace Cuboid.Understanding;

/// <summary>The planned cost of one stage on the model the router would pick first (null when none is configured).</summary>
public sealed record StageEstimate(string Stage, string? Model, int Calls, long InputTokens, long OutputTokens, double AudioMinutes, decimal Dollars);
