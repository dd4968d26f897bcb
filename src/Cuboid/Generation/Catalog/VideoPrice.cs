namespace Cuboid.Generation.Catalog;

/// <summary>
/// One SKU of a route's price: dollars per output second at a resolution (<c>720p</c>; null for any) with or without
/// audio (null for either).
/// </summary>
public sealed record VideoPrice(string? Resolution, bool? Audio, decimal PerSecond);
