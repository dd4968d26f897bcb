namespace Cuboid.Portfolio;

/// <summary>A model that serves the task but will not be tried, and why.</summary>
public sealed record RouteExclusion(string ModelId, string Reason);
