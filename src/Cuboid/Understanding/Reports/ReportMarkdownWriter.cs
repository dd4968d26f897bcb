using System.Globalization;
using System.Text;
using Cuboid.Formatting;

namespace Cuboid.Understanding.Reports;

/// <summary>
/// Writes <c>report.md</c>: summary, chapters, key moments, the scenes, the captioned timeline, the transcript (or,
/// without one, the speech-activity intervals) and the costs. Offline, the scenes and speech activity are the structure.
/// </summary>
internal static class ReportMarkdownWriter
{
    public static string Write(AnalysisReport report)
    {
        var md = new StringBuilder();
        md.Append("# ").Append(report.Source).Append("\n\n");
        md.Append(string.Join(" · ", ReportWording.Facts(report))).Append("\n\n");
        if (report.About is { } about)
        {
            md.Append("> ").Append(about).Append("\n\n");
        }

        foreach (var warning in report.Warnings)
        {
            md.Append("> **Note:** ").Append(warning).Append("\n\n");
        }

        if (report.Summary is { Length: > 0 } summary)
        {
            md.Append("## Summary\n\n").Append(summary).Append("\n\n");
        }

        if (report.Topics.Count > 0)
        {
            md.Append("**Topics:** ").Append(string.Join(", ", report.Topics)).Append("\n\n");
        }

        if (report.Chapters.Count > 0)
        {
            md.Append("## Chapters\n\n");
            foreach (var c in report.Chapters)
            {
                md.Append("- **").Append(Timecode.Clock(c.Start)).Append('–').Append(Timecode.Clock(c.End)).Append(" ").Append(c.Title).Append("**");
                md.Append(c.Summary.Length > 0 ? " — " + c.Summary : string.Empty).Append('\n');
            }

            md.Append('\n');
        }

        if (report.KeyMoments.Count > 0)
        {
            md.Append("## Key moments\n\n");
            foreach (var k in report.KeyMoments)
            {
                md.Append("- [").Append(Timecode.Clock(k.Time)).Append("] ").Append(k.Description).Append('\n');
            }

            md.Append('\n');
        }

        if (report.Scenes.Count > 0)
        {
            md.Append("## Scenes\n\n| # | Start | End | Starts with |\n|---:|---|---|---|\n");
            foreach (var scene in report.Scenes)
            {
                md.Append(CultureInfo.InvariantCulture, $"| {scene.Index + 1} | {Timecode.Clock(scene.Start)} | {Timecode.Clock(scene.End)} | {scene.StartKind} |\n");
            }

            md.Append('\n');
        }

        // The structural report has no captions: a caption column of dashes would say nothing.
        var captioned = report.Samples.Any(s => s.Caption is not null);
        md.Append(captioned ? "## Timeline\n\n| Time | Why | Frame | Caption |\n|---|---|---|---|\n" : "## Timeline\n\n| Time | Why | Frame |\n|---|---|---|\n");
        foreach (var s in report.Samples)
        {
            md.Append("| ").Append(Timecode.Clock(s.Time)).Append(" | ").Append(s.Reason).Append(" | ![](").Append(s.Frame).Append(") |");
            md.Append(captioned ? " " + Cell(s.Caption ?? "—") + " |\n" : "\n");
        }

        md.Append('\n');
        if (report.Transcript.Count > 0)
        {
            md.Append("## Transcript\n\n");
            foreach (var t in report.Transcript)
            {
                md.Append("- [").Append(Timecode.Clock(t.Start)).Append("] ").Append(t.Text.Trim()).Append('\n');
            }

            md.Append('\n');
        }
        else if (report.SpeechActivity.Count > 0)
        {
            md.Append("## Speech activity\n\n");
            foreach (var range in report.SpeechActivity)
            {
                md.Append("- ").Append(Timecode.Clock(range.Start)).Append('–').Append(Timecode.Clock(range.End)).Append('\n');
            }

            md.Append('\n');
        }

        AppendCosts(md, report);
        return md.ToString();
    }

    private static void AppendCosts(StringBuilder md, AnalysisReport report)
    {
        md.Append("## Who did the work and what it cost\n\n");
        var usage = report.Usage;
        if (report.Mode == "offline" || usage.Stages.Count == 0)
        {
            md.Append("No model was called for this report: it cost $0. ").Append(StructuralReport.HowToAddProvider).Append("\n\n");
        }
        else
        {
            md.Append("| ").Append(string.Join(" | ", StageLabels.Columns)).Append(" |\n|---|---|---:|---:|---:|---:|---:|\n");
            foreach (var u in usage.Stages)
            {
                md.Append(Row(StageLabels.Cells(u)));
            }

            md.Append(Row(StageLabels.Cells(usage.TotalRow, isTotal: true))).Append('\n');
            if (ReportWording.Cache(usage) is { } cache)
            {
                md.Append(cache).Append("\n\n");
            }
        }

        md.Append(ReportWording.Duplicates(report.Duplicates, report.Mode != "offline")).Append("\n\n");
        if (report.NativeVideoComparison.Count > 0)
        {
            var thisRun = usage.Total.Dollars;
            // A run that cost nothing has no ratio to show, so that column appears only when there is one.
            md.Append("### Sending the whole video to a native video model instead (input only)\n\n| Model | Resolution | Tokens | Calls | Cost |")
              .Append(thisRun > 0 ? " Compared with this run |\n|---|---|---:|---:|---:|---:|\n" : "\n|---|---|---:|---:|---:|\n");
            foreach (var q in report.NativeVideoComparison)
            {
                md.Append(CultureInfo.InvariantCulture, $"| {q.Model} | {ReportWording.Resolution(q)} | {DisplayFormat.Count(q.Tokens)} | {DisplayFormat.Count(q.Calls)} | {DisplayFormat.Dollars(q.Dollars)} |")
                  .Append(ReportWording.TimesThisRun(q, thisRun) is { } times ? $" {times} |\n" : "\n");
            }
        }
    }

    private static string Row(IReadOnlyList<string> cells) => "| " + string.Join(" | ", cells) + " |\n";

    private static string Cell(string text) =>
        text.ReplaceLineEndings(" ").Replace("|", "\\|", StringComparison.Ordinal).Trim();
}
