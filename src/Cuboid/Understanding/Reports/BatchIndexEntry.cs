using System.Text.Json.Nodes;

namespace Cuboid.Understanding.Reports;

/// <summary>
/// One video on a batch's index page: its name, where it stands (<c>completed</c>, <c>failed</c>, ...), what it cost,
/// the report folder's page relative to the index (null when there is none), why it failed or what it warned, and
/// from its report the duration, the summary and the chapter count.
/// </summary>
internal sealed record BatchIndexEntry(string Name, string Status, decimal Dollars, string? ReportHref, string? Error)
{
    public double? DurationSeconds { get; init; }

    public string? Summary { get; init; }

    public int Chapters { get; init; }

    /// <summary>True when the video's analysis reused an earlier report and paid nothing.</summary>
    public bool Reused { get; init; }

    /// <summary>An entry with the duration, summary and chapter count read from the video's <c>report.json</c> (null: none).</summary>
    public static BatchIndexEntry WithReport(string name, string status, decimal dollars, string? reportHref, string? error, JsonNode? report) =>
        new(name, status, dollars, report is null ? null : reportHref, error)
        {
            DurationSeconds = (double?)report?["video"]?["durationSeconds"],
            Summary = (string?)report?["summary"],
            Chapters = report?["chapters"]?.AsArray().Count ?? 0,
        };
}
