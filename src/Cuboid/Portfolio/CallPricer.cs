namespace Cuboid.Portfolio;

/// <summary>Dollars for a call from catalog prices: an estimate before it, the actual after it. Money is decimal so totals add up exactly.</summary>
internal static class CallPricer
{
    private const decimal Million = 1_000_000m;

    /// <summary>Whether the catalog prices everything this request uses on this model.</summary>
    public static bool IsPriced(CatalogModel model, RequestEstimate estimate)
    {
        var p = model.Prices;
        if (p is null)
        {
            return false;
        }

        // A per-minute transcription price covers the transcript it writes; anything else pays for its output tokens.
        var usesTokens = estimate.TextTokens > 0 || estimate.VideoSeconds > 0 || (estimate.Images > 0 && p.PerImage is null)
            || (estimate.OutputTokens > 0 && p.PerAudioMinute is null);
        return (!usesTokens || (p.InputPerMTok is not null && p.OutputPerMTok is not null))
            && (estimate.AudioSeconds <= 0 || p.PerAudioMinute is not null || p.AudioInputPerMTok is not null);
    }

    public static decimal Estimate(CatalogModel model, RequestEstimate estimate) =>
        Price(model, estimate.InputTokensOn(model), estimate.OutputTokensOn(model), estimate.Images, estimate.AudioSeconds);

    /// <summary>
    /// Dollars for measured usage. Input tokens as the provider reported them already include image tokens;
    /// images are added only for models that bill them per image. Audio is billed per minute when the
    /// catalog gives a per-minute price; when it is billed as tokens (Gemini), the input tokens include the audio's,
    /// which are taken out and priced at the audio rate.
    /// </summary>
    public static decimal Price(CatalogModel model, long inputTokens, long outputTokens, int images, double audioSeconds)
    {
        var p = model.Prices ?? new ModelPrices();
        var audioTokens = p.AudioTokens(audioSeconds);
        var textTokens = Math.Max(0, inputTokens - audioTokens);
        var dollars = (textTokens * (p.InputPerMTok ?? 0m) / Million) + (outputTokens * (p.OutputPerMTok ?? 0m) / Million)
            + (audioTokens * (p.AudioInputPerMTok ?? 0m) / Million);
        if (p.PerImage is { } perImage)
        {
            dollars += images * perImage;
        }

        if (audioSeconds > 0 && p.PerAudioMinute is { } perMinute)
        {
            dollars += (decimal)audioSeconds / 60m * perMinute;
        }

        return dollars;
    }
}
