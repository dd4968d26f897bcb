namespace Cuboid.Generation.Routing;

/// <summary>A route that was left out and why (no last frame, no such duration, no key, over budget), shown to the user.</summary>
public sealed record VideoRouteSkip(string Model, string Route, string Reason);
