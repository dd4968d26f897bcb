namespace Cuboid.Understanding.Reports;

/// <summary>What each stage did, in words for people (the report's tables and the terminal summary).</summary>
internal static class StageLabels
{
    public static string For(string stage) => stage switch
    {
        AnalysisTasks.Caption => "Captions",
        AnalysisTasks.Transcribe => "Transcript",
        AnalysisTasks.Reason => "Summary and chapters",
        "total" => "Total",
        _ => stage,
    };

    /// <summary>"openai:gpt-4.1-mini", "openai:gpt-4.1-mini, then fallback openrouter:x", or "—" when no model answered.</summary>
    public static string Models(StageUsage stage) => stage.Models is not { Count: > 0 } models
        ? "—"
        : models.Count == 1 ? models[0] : models[0] + ", then fallback " + string.Join(", ", models.Skip(1));

    /// <summary>The column headings of a usage table; <see cref="Cells"/> fills a row. The first two are text, the rest numbers.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["Stage", "Model", "Calls", "Tokens in", "Tokens out", "Audio", "Cost"];

    /// <summary>One usage table row for people: label, models (empty for the total), calls, tokens, audio and cost.</summary>
    public static IReadOnlyList<string> Cells(StageUsage stage, bool isTotal = false) =>
    [
        For(stage.Stage), isTotal ? string.Empty : Models(stage), Formatting.DisplayFormat.Count(stage.Calls), Formatting.DisplayFormat.Count(stage.InputTokens),
        Formatting.DisplayFormat.Count(stage.OutputTokens), stage.AudioSeconds > 0 ? Formatting.DisplayFormat.Duration(stage.AudioSeconds) : "—", Cost(stage),
    ];

    /// <summary>
    /// The stage's cost this run: "$0.0135", "from cache, $0 this run" when every answer came from the cache, or
    /// "$0.0012 + 5 from cache" when some did.
    /// </summary>
    public static string Cost(StageUsage stage) => stage switch
    {
        { CacheHits: > 0, Calls: 0 } => "from cache, $0 this run",
        { CacheHits: > 0 } => $"{Formatting.DisplayFormat.Dollars(stage.Dollars)} + {Formatting.DisplayFormat.Count(stage.CacheHits)} from cache",
        _ => Formatting.DisplayFormat.Dollars(stage.Dollars),
    };
}
