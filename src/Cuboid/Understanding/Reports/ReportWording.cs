using System.Globalization;
using Cuboid.Formatting;

namespace Cuboid.Understanding.Reports;

/// <summary>The sentences report.md, report.html and the terminal share, so they say the same thing the same way.</summary>
internal static class ReportWording
{
    /// <summary>"1 h 2 min", "1280×720", "25 fps", "audio", "3 samples", "2 scenes".</summary>
    public static IReadOnlyList<string> Facts(AnalysisReport report)
    {
        var v = report.Video;
        return
        [
            DisplayFormat.Duration(v.DurationSeconds),
            string.Create(CultureInfo.InvariantCulture, $"{v.Width}×{v.Height}"),
            DisplayFormat.Number(v.FrameRate) + " fps",
            v.HasAudio ? "audio" : "no audio",
            DisplayFormat.Count(report.Samples.Count, "sample"),
            DisplayFormat.Count(report.Scenes.Count, "scene"),
        ];
    }

    /// <summary>"2 near-duplicate samples were not captioned (saved about $0.0004)."; no saving is named when it rounds to nothing.</summary>
    public static string Duplicates(DuplicateSavings duplicates, bool captioned) => duplicates.Skipped switch
    {
        0 => "No near-duplicate samples were skipped.",
        _ when !captioned || duplicates.DollarsSaved <= 0 => $"{DisplayFormat.Count(duplicates.Skipped, "near-duplicate sample")} skipped.",
        _ => $"{DisplayFormat.Count(duplicates.Skipped, "near-duplicate sample")} not captioned (saved about {DisplayFormat.Dollars(duplicates.DollarsSaved)}).",
    };

    /// <summary>What the cache served and what it originally cost; null when nothing came from the cache.</summary>
    public static string? Cache(UsageReport usage)
    {
        var hits = usage.Stages.Sum(s => s.CacheHits);
        if (hits == 0)
        {
            return null;
        }

        var answers = DisplayFormat.Count(hits, "answer");
        var thisRun = usage.AllFromCache ? "$0 this run" : $"{DisplayFormat.Dollars(usage.Total.Dollars)} this run for the rest";
        var original = usage.OriginalRun is { } run
            ? $" The earlier run that paid for them ({run.FinishedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}) cost {DisplayFormat.Dollars(run.Dollars)}."
            : string.Empty;
        return $"{answers} came from the cache: {thisRun}.{original}";
    }

    /// <summary>How a native video quote compares with this run: "8.4× this run", or null when this run cost nothing.</summary>
    public static string? TimesThisRun(NativeVideoQuote quote, decimal thisRun) =>
        thisRun > 0 ? DisplayFormat.Ratio((double)(quote.Dollars / thisRun)) + " this run" : null;

    /// <summary>"Gemini 2.5 Flash (default, 258/frame)" style resolution cell: "default, 258 tokens/frame".</summary>
    public static string Resolution(NativeVideoQuote quote) => $"{quote.Resolution}, {DisplayFormat.Count(quote.TokensPerFrame)} tokens/frame";
}
