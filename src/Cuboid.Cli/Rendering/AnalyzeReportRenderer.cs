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

        var usage = report.Usage;
        var labels = StageLabels.Columns;
        var cost = new FittedTable(
            FittedColumn.Id(labels[0]), FittedColumn.Prose(labels[1], 6), FittedColumn.Number(labels[2], 5), FittedColumn.Number(labels[3], 4, "In"),
            FittedColumn.Number(labels[4], 3, "Out"), FittedColumn.Number(labels[5], 2), FittedColumn.Number(labels[6], 9));
        foreach (var u in usage.Stages)
        {
            cost.AddRow([.. StageLabels.Cells(u)]);
        }

        cost.AddRow([.. StageLabels.Cells(usage.TotalRow, isTotal: true)]);
        ansi.WriteLine();
        cost.Write(console);
        if (ReportWording.Cache(usage) is { } cache)
        {
            WrappedText.WriteLine(console, cache);
        }

        if (report.NativeVideoComparison.Count > 0 && report.Mode != "offline")
        {
            var cheapest = report.NativeVideoComparison.MinBy(q => q.Dollars)!;
            var dearest = report.NativeVideoComparison.MaxBy(q => q.Dollars)!;
            var ratio = ReportWording.TimesThisRun(cheapest, usage.Total.Dollars) is { } times ? $" (from {times})" : string.Empty;
            WrappedText.WriteLine(console, $"Sent whole to a native video model instead: {DisplayFormat.Dollars(cheapest.Dollars)} ({cheapest.Model}, {cheapest.Resolution}) to {DisplayFormat.Dollars(dearest.Dollars)} ({dearest.Model}, {dearest.Resolution}), input only{ratio}.");
        }

        ansi.WriteLine();
        RenderWritten(console, outcome);
    }

    // Names only the files this run wrote (--format), the page first.
    private static void RenderWritten(CliConsole console, AnalysisOutcome outcome)
    {
        var files = ReportFormatList.Files(outcome.Formats);
        // Plain text: a path is never wrapped mid-name.
        console.Out.WriteLine($"Report: {Path.Combine(outcome.OutputDirectory ?? ".", files[0])}");
        var others = files.Skip(1).Append(ReportWriter.FramesFolder + "/");
        console.Out.WriteLine($"Also written there: {string.Join(", ", others)}");
    }
}
