using System.Text;

namespace Cuboid.Understanding.Reports;

/// <summary>Writes the chosen report files into a (staged) directory.</summary>
public static class ReportWriter
{
    /// <summary>The JSON report's file name.</summary>
    public const string JsonFile = "report.json";
    /// <summary>The Markdown report's file name.</summary>
    public const string MarkdownFile = "report.md";
    /// <summary>The WebVTT chapters' file name.</summary>
    public const string VttFile = "chapters.vtt";
    /// <summary>The HTML report's file name.</summary>
    public const string HtmlFile = "report.html";
    /// <summary>The folder of sampled frames inside the report folder.</summary>
    public const string FramesFolder = "frames";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <param name="videoPath">The source video, linked from report.html relative to the final directory; null for none.</param>
    public static async Task WriteAsync(AnalysisReport report, ReportFormats formats, string directory, string finalDirectory, string? videoPath, CancellationToken cancellationToken = default)
    {
        if (formats.HasFlag(ReportFormats.Json))
        {
            await File.WriteAllTextAsync(Path.Combine(directory, JsonFile), ReportJson.Serialize(report), Utf8, cancellationToken).ConfigureAwait(false);
        }

        if (formats.HasFlag(ReportFormats.Markdown))
        {
            await File.WriteAllTextAsync(Path.Combine(directory, MarkdownFile), ReportMarkdownWriter.Write(report), Utf8, cancellationToken).ConfigureAwait(false);
        }

        // Without a reasoner's chapters (offline, or stopped early), the scenes still make a useful chapter track.
        var chapters = report.Chapters.Count > 0 ? report.Chapters
            : [.. report.Scenes.Where(s => s.End > s.Start).Select(s => new Chapter(s.Start, s.End, $"Scene {s.Index + 1}", string.Empty))];
        var vtt = ChapterVttWriter.Write(chapters);
        if (formats.HasFlag(ReportFormats.Vtt))
        {
            await File.WriteAllTextAsync(Path.Combine(directory, VttFile), vtt, Utf8, cancellationToken).ConfigureAwait(false);
        }

        if (formats.HasFlag(ReportFormats.Html))
        {
            var href = videoPath is null ? null : Path.GetRelativePath(finalDirectory, Path.GetFullPath(videoPath)).Replace('\\', '/');
            var encoded = href is null ? null : string.Join('/', href.Split('/').Select(Uri.EscapeDataString));
            var thumbnails = await ReportThumbnails.CreateAsync(directory, report.Samples, tools: null, cancellationToken).ConfigureAwait(false);
            await File.WriteAllTextAsync(Path.Combine(directory, HtmlFile), ReportHtmlWriter.Write(report, encoded, thumbnails, chapters.Count > 0 ? vtt : null), Utf8, cancellationToken).ConfigureAwait(false);
        }
    }
}
