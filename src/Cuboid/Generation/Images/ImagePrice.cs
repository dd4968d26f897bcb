namespace Cuboid.Generation.Images;

/// <summary>
/// One SKU of an image route's price: dollars per image, or per started megapixel (fal's FLUX endpoints round each
/// image up to whole megapixels of 1024×1024 pixels), at a quality (<c>low</c>, <c>medium</c>, <c>high</c>; null for
/// any) and an exact size (<c>1024x1536</c>; null for any).
/// </summary>
public sealed record ImagePrice
{
    public string? Quality { get; init; }

    public string? Size { get; init; }

    public decimal? PerImage { get; init; }

    public decimal? PerMegapixel { get; init; }
}
