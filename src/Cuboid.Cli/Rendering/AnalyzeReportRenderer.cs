using Cuboid.Formatting;
using Cuboid.Understanding;
using Cuboid.Understanding.Reports;
using Spectre.Console;

namespace Cuboid.Cli.Rendering;

/// <summary>The end of an analysis for people: where the report is, the summary and chapters, and the cost next to native video models.</summary>
public static class AnalyzeReportRenderer
{
    public static void Render(CliConsole console, AnalysisOutcome outcome)
    {
        var report = outcome.Report;
        var ansi = console.Ansi;
        ansi.MarkupLine($"[bold]{Markup.Escape(report.Source)}[/]: {DisplayFormat.Duration(report.Video.DurationSeconds)}, {DisplayFormat.Count(report.Samples.Count, "sample")} ({DisplayFormat.Count(report.Duplicates.Skipped, "near-duplicate")} skipped), {DisplayFormat.Count(report.Scenes.Count, "scene")}, {DisplayFormat.Count(report.Transcript.Count, "transcript segment")}, {report.Mode} report");
        if (report.Summary is { } summary)
        {
            ansi.WriteLine();
            ansi.WriteLine(summary);
        }

        if (report.Chapters.Count > 0)
        {
            var chapters = new Table().AddColumns("Start", "Chapter");
            foreach (var c in report.Chapters)
            {
                chapters.AddRow(Timecode.Clock(c.Start), Markup.Escape(c.Title));
            }

            ansi.WriteLine();
            ansi.Write(chapters);
        }

        if (report.Mode == "offline")
        {
            ansi.WriteLine();
            ansi.MarkupLine($"Report: [link]{Markup.Escape(Path.Combine(outcome.OutputDirectory, ReportWriter.HtmlFile))}[/]");
            return;
        }

        var usage = report.Usage;
        var cost = new Table().AddColumns([.. StageLabels.Columns]);
        foreach (var column in cost.Columns.Skip(2))
        {
            column.RightAligned();
        }

        foreach (var u in usage.Stages)
        {
            cost.AddRow(Row(StageLabels.Cells(u)));
        }

        cost.AddRow(Row(StageLabels.Cells(usage.TotalRow, isTotal: true)));
        ansi.WriteLine();
        ansi.Write(cost);
        if (ReportWording.Cache(usage) is { } cache)
        {
            ansi.WriteLine(cache);
        }

        if (report.NativeVideoComparison.Count > 0)
        {
            var cheapest = report.NativeVideoComparison.MinBy(q => q.Dollars)!;
            var dearest = report.NativeVideoComparison.MaxBy(q => q.Dollars)!;
            var ratio = ReportWording.TimesThisRun(cheapest, usage.Total.Dollars) is { } times ? $" (from {times})" : string.Empty;
            ansi.WriteLine($"Sent whole to a native video model instead: {DisplayFormat.Dollars(cheapest.Dollars)} ({cheapest.Model}, {cheapest.Resolution}) to {DisplayFormat.Dollars(dearest.Dollars)} ({dearest.Model}, {dearest.Resolution}), input only{ratio}.");
        }

        ansi.WriteLine();
        ansi.MarkupLine($"Report: [link]{Markup.Escape(Path.Combine(outcome.OutputDirectory, ReportWriter.HtmlFile))}[/]");
    }

    private static string[] Row(IReadOnlyList<string> cells) => [.. cells.Select(Markup.Escape)];
}
