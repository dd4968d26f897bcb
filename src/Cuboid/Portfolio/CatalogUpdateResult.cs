namespace Cuboid.Portfolio;

/// <summary>What <see cref="CatalogUpdater"/> wrote into the overlay.</summary>
public sealed record CatalogUpdateResult(string OverlayPath, string Format, int ModelsAdded, int ModelsUpdated, int RatingsAdded, int Skipped, IReadOnlyList<string> Warnings);
