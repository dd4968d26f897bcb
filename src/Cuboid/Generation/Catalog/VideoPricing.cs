using System.Globalization;

namespace Cuboid.Generation.Catalog;

/// <summary>
/// Picks the SKU that applies to a clip: audio must match (a SKU without an audio flag fits both), and the resolution is
/// the largest SKU not above the clip's short side, so a 720p clip delivered for a 1080p request is billed at 720p, never
/// at what was asked. A clip smaller than every SKU is billed at the smallest.
/// </summary>
internal static class VideoPricing
{
    public static VideoPrice? Sku(IReadOnlyList<VideoPrice> prices, int shortSide, bool audio)
    {
        var fitting = prices.Where(p => p.Audio is null || p.Audio == audio).ToList();
        if (fitting.Count == 0)
        {
            return null;
        }

        var ranked = fitting.Select(p => (Price: p, Side: ShortSide(p.Resolution))).ToList();
        var atOrBelow = ranked.Where(r => r.Side <= shortSide).OrderByDescending(r => r.Side).ThenBy(r => r.Price.Audio is null).FirstOrDefault();
        return atOrBelow.Price ?? ranked.OrderBy(r => r.Side).First().Price;
    }

    /// <summary>Dollars for <paramref name="seconds"/> of output, or null when no SKU applies.</summary>
    public static decimal? Cost(IReadOnlyList<VideoPrice> prices, int shortSide, bool audio, double seconds) =>
        Sku(prices, shortSide, audio) is { } sku ? decimal.Round(sku.PerSecond * (decimal)seconds, 6) : null;

    // "any" resolution sits below every named one, so a named SKU wins when it fits.
    private static int ShortSide(string? resolution) => resolution?.ToLowerInvariant() switch
    {
        null => 0,
        "4k" or "2160p" => 2160,
        "2k" or "1440p" => 1440,
        var r when r.EndsWith('p') && int.TryParse(r[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var side) => side,
        _ => 0,
    };
}
