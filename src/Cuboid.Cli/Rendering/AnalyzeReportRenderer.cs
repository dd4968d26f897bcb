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
            var chapters = new FittedTable(FittedColumn.Id("Start"), FittedColumn.Prose("Chapter", 1));
            foreach (var c in report.Chapters)
            {
                chapters.AddRow(Timecode.Clock(c.Start), c.Title);
            }

            ansi.WriteLine();
            chapters.Write(console);
        }

        if (report.Mode == "offline")
        {
            ansi.WriteLine();
            RenderWritten(console, outcome);
            return;
        }

        var cost = new FittedTable(
            FittedColumn.Id("Stage"), FittedColumn.Number("Calls", 5), FittedColumn.Number("Tokens in", 4, "In"), FittedColumn.Number("Tokens out", 3, "Out"),
            FittedColumn.Number("Audio s", 2, "Audio"), FittedColumn.Number("$", 9));
        foreach (var u in report.Usage.Stages.Append(report.Usage.Total))
        {
            cost.AddRow(u.Stage, Num(u.Calls), Num(u.InputTokens), Num(u.OutputTokens), u.AudioSeconds.ToString("0.#", CultureInfo.InvariantCulture), u.Dollars.ToString("0.0000", CultureInfo.InvariantCulture));
        }

        ansi.WriteLine();
        cost.Write(console);
        if (report.NativeVideoComparison.Count > 0 && report.Mode != "offline")
        {
            var cheapest = report.NativeVideoComparison.MinBy(q => q.Dollars)!;
            var dearest = report.NativeVideoComparison.MaxBy(q => q.Dollars)!;
            WrappedText.WriteLine(console, string.Create(CultureInfo.InvariantCulture, $"Sent whole to a native video model instead: ${cheapest.Dollars:0.0000} ({cheapest.Model}, {cheapest.Resolution}) to ${dearest.Dollars:0.0000} ({dearest.Model}, {dearest.Resolution}), input only."));
        }

        ansi.WriteLine();
        RenderWritten(console, outcome);
    }

    // Names only the files this run wrote (--format), the page first.
    private static void RenderWritten(CliConsole console, AnalysisOutcome outcome)
    {
        var files = ReportFormatList.Files(outcome.Formats);
        // Plain text: a path is never wrapped mid-name.
        console.Out.WriteLine($"Report: {Path.Combine(outcome.OutputDirectory, files[0])}");
        var others = files.Skip(1).Append(ReportWriter.FramesFolder + "/");
        console.Out.WriteLine($"Also written there: {string.Join(", ", others)}");
    }

    private static string Num(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
