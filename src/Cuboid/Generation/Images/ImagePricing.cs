namespace Cuboid.Generation.Images;

/// <summary>
/// Picks the SKU that applies to an image and prices it: quality and size must match where the SKU names them (an exact
/// size beats "any size"); a per-megapixel SKU is charged for every started megapixel (1024×1024 pixels), as fal bills.
/// </summary>
internal static class ImagePricing
{
    public const string DefaultQuality = "medium";

    private const long MegapixelArea = 1024 * 1024;

    public static ImagePrice? Sku(IReadOnlyList<ImagePrice> prices, VideoSize size, string? quality)
    {
        var wanted = quality ?? DefaultQuality;
        var text = size.ToString();
        return prices
            .Where(p => p.Quality is null || string.Equals(p.Quality, wanted, StringComparison.OrdinalIgnoreCase))
            .Where(p => p.Size is null || string.Equals(p.Size, text, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(p => p.Size is not null).ThenByDescending(p => p.Quality is not null)
            .FirstOrDefault();
    }

    /// <summary>Dollars for <paramref name="count"/> images of <paramref name="size"/>, or null when no SKU applies.</summary>
    public static decimal? Cost(IReadOnlyList<ImagePrice> prices, VideoSize size, string? quality, int count)
    {
        if (Sku(prices, size, quality) is not { } sku)
        {
            return null;
        }

        var each = sku.PerImage ?? (sku.PerMegapixel is { } perMegapixel ? perMegapixel * Megapixels(size) : null);
        return each is { } dollars ? decimal.Round(dollars * count, 6) : null;
    }

    /// <summary>Started megapixels of 1024×1024 pixels (1024×768 is 1, 1536×1024 is 2).</summary>
    public static int Megapixels(VideoSize size) => (int)Math.Max(1, (((long)size.Width * size.Height) + MegapixelArea - 1) / MegapixelArea);
}
