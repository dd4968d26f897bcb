namespace Cuboid.Storage;

/// <summary>One finished (or stopped) analysis run, as kept in the cache's <c>runs</c> table.</summary>
public sealed record RunRecord(string Id, string Source, string Output, string Mode, int Samples, decimal Dollars, DateTimeOffset StartedAt, DateTimeOffset FinishedAt);
