using System.Globalization;
using System.Text;

namespace Cuboid.Understanding.Reports;

/// <summary>
/// Writes <c>report.md</c>: summary, chapters, key moments, the scenes, the captioned timeline, the transcript (or,
/// without one, the speech-activity intervals) and the costs. Offline, the scenes and speech activity are the structure.
/// </summary>
public static class ReportMarkdownWriter
{
    public static string Write(AnalysisReport report)
    {
        var md = new StringBuilder();
        var v = report.Video;
        md.Append("# ").Append(report.Source).Append("\n\n");
        md.Append(CultureInfo.InvariantCulture, $"{Timecode.Clock(v.DurationSeconds)} · {v.Width}×{v.Height} · {v.FrameRate:0.##} fps · {(v.HasAudio ? "audio" : "no audio")} · {report.Samples.Count} samples · {report.Scenes.Count} scenes\n\n");
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

        md.Append("## Timeline\n\n| Time | Why | Frame | Caption |\n|---|---|---|---|\n");
        foreach (var s in report.Samples)
        {
            md.Append("| ").Append(Timecode.Clock(s.Time)).Append(" | ").Append(s.Reason).Append(" | ![](").Append(s.Frame).Append(") | ")
              .Append(Cell(s.Caption ?? "—")).Append(" |\n");
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

        md.Append("## Cost\n\n| Stage | Calls | Tokens in | Tokens out | Audio s | $ |\n|---|---:|---:|---:|---:|---:|\n");
        foreach (var u in report.Usage.Stages.Append(report.Usage.Total))
        {
            md.Append(CultureInfo.InvariantCulture, $"| {u.Stage} | {u.Calls} | {u.InputTokens} | {u.OutputTokens} | {u.AudioSeconds:0.#} | {u.Dollars:0.0000} |\n");
        }

        md.Append(CultureInfo.InvariantCulture, $"\nNear-duplicate samples skipped: {report.Duplicates.Skipped} (saved ≈ ${report.Duplicates.DollarsSaved:0.0000}).\n\n");
        if (report.NativeVideoComparison.Count > 0)
        {
            md.Append("### Sending the whole video to a native video model instead (input only)\n\n| Model | Resolution | Tokens | Calls | $ |\n|---|---|---:|---:|---:|\n");
            foreach (var q in report.NativeVideoComparison)
            {
                md.Append(CultureInfo.InvariantCulture, $"| {q.Model} | {q.Resolution} ({q.TokensPerFrame}/frame) | {q.Tokens} | {q.Calls} | {q.Dollars:0.0000} |\n");
            }
        }

        return md.ToString();
    }

    private static string Cell(string text) =>
        text.ReplaceLineEndings(" ").Replace("|", "\\|", StringComparison.Ordinal).Trim();
}
