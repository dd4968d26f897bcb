namespace Cuboid.Cli.Rendering;

/// <summary>Marks a progress row whose stage will not run, and why (<c>offline</c>, <c>no model</c>...).</summary>
public sealed record SkippedStage(string Why);
