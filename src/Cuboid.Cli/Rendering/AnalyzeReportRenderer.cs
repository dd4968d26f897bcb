using System.Globalization;
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
        ansi.MarkupLine($"[bold]{Markup.Escape(report.Source)}[/]: {Timecode.Clock(report.Video.DurationSeconds)}, {report.Samples.Count} samples ({report.Duplicates.Skipped} near-duplicates skipped), {report.Scenes.Count} scenes, {report.Transcript.Count} transcript segments, {report.Mode} report");
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

        var cost = new Table().AddColumns("Stage", "Calls", "Tokens in", "Tokens out", "Audio s", "$");
        foreach (var u in report.Usage.Stages.Append(report.Usage.Total))
        {
            cost.AddRow(u.Stage, Num(u.Calls), Num(u.InputTokens), Num(u.OutputTokens), u.AudioSeconds.ToString("0.#", CultureInfo.InvariantCulture), u.Dollars.ToString("0.0000", CultureInfo.InvariantCulture));
        }

        ansi.WriteLine();
        ansi.Write(cost);
        if (report.NativeVideoComparison.Count > 0 && report.Mode != "offline")
        {
            var cheapest = report.NativeVideoComparison.MinBy(q => q.Dollars)!;
            var dearest = report.NativeVideoComparison.MaxBy(q => q.Dollars)!;
            ansi.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"Sent whole to a native video model instead: ${cheapest.Dollars:0.0000} ({cheapest.Model}, {cheapest.Resolution}) to ${dearest.Dollars:0.0000} ({dearest.Model}, {dearest.Resolution}), input only.")));
        }

        ansi.WriteLine();
        ansi.MarkupLine($"Report: [link]{Markup.Escape(Path.Combine(outcome.OutputDirectory, ReportWriter.HtmlFile))}[/]");
    }

    private static string Num(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
