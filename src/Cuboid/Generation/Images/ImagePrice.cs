namespace Cuboid.Generation.Images;

/// <summary>
/// One SKU of an image route's price: dollars per image, or per started megapixel (fal's FLUX endpoints round each
/// image up to whole megapixels of 1024×1024 pixels), at a quality (<c>low</c>, <c>medium</c>, <c>high</c>; null for
/// any) and an exact size (<c>1024x1536</c>; null for any).
/// </summary>
public sealed record ImagePrice
{
    /// <summary>The quality this SKU prices (<c>low</c>, <c>medium</c>, <c>high</c>); null for any.</summary>
    public string? Quality { get; init; }

    /// <summary>The exact size this SKU prices (<c>1024x1536</c>); null for any.</summary>
    public string? Size { get; init; }

    /// <summary>Dollars per image; null when priced per megapixel.</summary>
    public decimal? PerImage { get; init; }

    /// <summary>Dollars per started megapixel (1024×1024 pixels); null when priced per image.</summary>
    public decimal? PerMegapixel { get; init; }
}
