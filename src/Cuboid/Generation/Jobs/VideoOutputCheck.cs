namespace Cuboid.Generation.Jobs;

/// <summary>What comparing the kept outputs with the request found, and the cost of what was delivered (null when no SKU applies).</summary>
internal sealed record VideoOutputCheck(IReadOnlyList<string> Warnings, decimal? Cost);
