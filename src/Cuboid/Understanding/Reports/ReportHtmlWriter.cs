using System.Globalization;
using System.Text;
using Cuboid.Formatting;

namespace Cuboid.Understanding.Reports;

/// <summary>
/// Writes <c>report.html</c>: one self-contained page (inline CSS and script, thumbnails as data URIs, the chapters
/// track inline) that works opened straight from disk, even copied on its own. It follows playback: the current
/// chapter, timeline card and transcript line are highlighted and kept in view inside their own boxes; the motion
/// strip has a time axis and a playhead and seeks on click. When the video cannot be loaded, a note names the path
/// it looked for and the rest of the page keeps working. Behaviour lives in <see cref="ReportHtmlScript"/>, looks
/// in <see cref="ReportHtmlStyle"/>.
/// </summary>
internal static class ReportHtmlWriter
{
    /// <summary>A sample at most this long after a scene, chapter or moment starts is that item's own frame.</summary>
    private const double OwnFrameWindow = 1.0;

    /// <param name="videoHref">The source video relative to the report folder (URL-encoded), or null to embed no player.</param>
    /// <param name="thumbnails">Each frame's data URI (see <see cref="ReportThumbnails"/>); a frame without one is linked from <c>frames/</c>.</param>
    /// <param name="chaptersVtt">The chapters track (the text of <c>chapters.vtt</c>), attached inline; null for none.</param>
    public static string Write(AnalysisReport report, string? videoHref, IReadOnlyDictionary<string, string>? thumbnails = null, string? chaptersVtt = null)
    {
        thumbnails ??= new Dictionary<string, string>();
        var h = new StringBuilder(4096 + report.Samples.Count * 600 + thumbnails.Values.Sum(v => v.Length));
        h.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n");
        h.Append("<title>").Append(E(report.Source)).Append(" · cuboid analyze</title>\n<style>").Append(ReportHtmlStyle.Css).Append("</style></head><body>\n");
        AppendHeader(h, report);
        h.Append("<main>\n");
        if (report.About is { } about)
        {
            h.Append("<p class=\"note info\">").Append(E(about)).Append("</p>\n");
        }

        foreach (var warning in report.Warnings)
        {
            h.Append("<p class=\"note warn\">").Append(E(warning)).Append("</p>\n");
        }

        h.Append("<div class=\"layout\"><section class=\"watch\" aria-label=\"Video\">");
        AppendPlayer(h, report, videoHref, thumbnails, chaptersVtt);
        MotionStripHtml.Append(h, report);
        AppendTimeline(h, report, thumbnails);
        h.Append("</section><aside class=\"side\">");
        AppendSummary(h, report);
        AppendChapters(h, report);
        AppendTranscript(h, report);
        h.Append("</aside></div>\n");
        ReportHtmlCosts.Append(h, report);
        h.Append("</main>\n<footer>Written by <b>cuboid analyze</b> on ").Append(report.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture))
         .Append(" · <kbd>Space</kbd> plays and pauses · <kbd>←</kbd> <kbd>→</kbd> step between samples</footer>\n");
        h.Append("<script>").Append(ReportHtmlScript.Js).Append("</script>\n</body></html>\n");
        return h.ToString();
    }

    private static void AppendHeader(StringBuilder h, AnalysisReport report)
    {
        h.Append("<header><p class=\"brand\">cuboid analyze</p><h1>").Append(E(report.Source)).Append("</h1><ul class=\"facts\">");
        foreach (var fact in ReportWording.Facts(report))
        {
            h.Append("<li>").Append(E(fact)).Append("</li>");
        }

        var mode = report.Mode switch { "offline" => "structural report", "partial" => "partial report", _ => "full report" };
        h.Append("<li class=\"mode m-").Append(E(report.Mode)).Append("\">").Append(mode).Append("</li></ul></header>\n");
    }

    private static void AppendPlayer(StringBuilder h, AnalysisReport report, string? videoHref, IReadOnlyDictionary<string, string> thumbnails, string? chaptersVtt)
    {
        var poster = report.Samples.Count > 0 ? Image(report.Samples[0].Frame, thumbnails) : null;
        h.Append("<div class=\"player\" id=\"player\"");
        if (poster is not null)
        {
            h.Append(" style=\"--poster:url('").Append(E(poster)).Append("')\"");
        }

        h.Append('>');
        if (videoHref is null)
        {
            h.Append("<p class=\"novideo\" id=\"novideo\"><b>No video is linked to this report.</b> The timeline, chapters and transcript below still work.</p></div>");
            return;
        }

        h.Append("<video id=\"video\" controls preload=\"metadata\" playsinline src=\"").Append(E(videoHref)).Append('"');
        if (report.Samples.Count > 0)
        {
            // The player shows the full-size frame (it sits beside the video); the embedded thumbnail behind it is what
            // remains when the report travels on its own.
            h.Append(" poster=\"").Append(E(report.Samples[0].Frame)).Append('"');
        }

        h.Append('>');
        if (chaptersVtt is not null)
        {
            h.Append("<track kind=\"chapters\" label=\"Chapters\" srclang=\"en\" default src=\"data:text/vtt;base64,")
             .Append(Convert.ToBase64String(Encoding.UTF8.GetBytes(chaptersVtt))).Append("\">");
        }

        var shown = Uri.UnescapeDataString(videoHref);
        h.Append("</video><p class=\"novideo\" id=\"novideo\" hidden><b>The video could not be loaded.</b> This report looked for it at <code>")
         .Append(E(shown)).Append("</code>, relative to report.html. Put the video there, or open the report from the folder it was written to. The timeline, chapters and transcript still work.</p></div>");
    }

    private static void AppendTimeline(StringBuilder h, AnalysisReport report, IReadOnlyDictionary<string, string> thumbnails)
    {
        h.Append("<h2 class=\"filmhead\">Timeline <span class=\"count\">").Append(DisplayFormat.Count(report.Samples.Count, "sample")).Append("</span></h2><div class=\"film\" id=\"film\">");
        for (var i = 0; i < report.Samples.Count; i++)
        {
            var s = report.Samples[i];
            var clock = Timecode.Clock(s.Time);
            h.Append("<figure class=\"card\" data-t=\"").Append(T(s.Time)).Append("\" data-s=\"").Append(i).Append("\"><img alt=\"frame at ").Append(clock)
             .Append("\" data-src=\"").Append(E(Image(s.Frame, thumbnails))).Append("\"><figcaption><b>").Append(clock).Append("</b> <i class=\"r-").Append(E(s.Reason)).Append("\">")
             .Append(E(s.Reason)).Append("</i>");
            if (s.Caption is { Length: > 0 } caption)
            {
                h.Append("<span class=\"cap\">").Append(E(caption)).Append("</span>");
            }

            h.Append("</figcaption></figure>");
        }

        h.Append("</div>");
    }

    private static void AppendSummary(StringBuilder h, AnalysisReport report)
    {
        if (report.Summary is not { Length: > 0 } summary)
        {
            if (report.Mode != "offline")
            {
                h.Append("<section class=\"panel\"><h2>Summary</h2><p class=\"muted\">No summary: the reasoning model was not called for this report (see the note above).</p></section>");
            }

            return;
        }

        h.Append("<section class=\"panel\"><h2>Summary</h2><p>").Append(E(summary)).Append("</p>");
        if (report.Topics.Count > 0)
        {
            h.Append("<p class=\"topics\">");
            foreach (var topic in report.Topics)
            {
                h.Append("<span>").Append(E(topic)).Append("</span>");
            }

            h.Append("</p>");
        }

        if (report.KeyMoments.Count > 0)
        {
            h.Append("<h3>Key moments</h3><ul class=\"moments\">");
            foreach (var k in report.KeyMoments)
            {
                h.Append("<li").Append(Seek(report, k.Time)).Append("><b>").Append(Timecode.Clock(k.Time)).Append("</b> ").Append(E(k.Description)).Append("</li>");
            }

            h.Append("</ul>");
        }

        h.Append("</section>");
    }

    private static void AppendChapters(StringBuilder h, AnalysisReport report)
    {
        var chapters = report.Chapters.Count > 0;
        if (!chapters && report.Scenes.Count == 0)
        {
            return;
        }

        h.Append("<section class=\"panel\"><h2>").Append(chapters ? "Chapters" : "Scenes").Append(" <span class=\"count\">")
         .Append(chapters ? DisplayFormat.Count(report.Chapters.Count) : DisplayFormat.Count(report.Scenes.Count)).Append("</span></h2><ol class=\"chapters\" id=\"chapters\">");
        if (chapters)
        {
            foreach (var c in report.Chapters)
            {
                h.Append("<li").Append(Seek(report, c.Start)).Append("><b>").Append(Timecode.Clock(c.Start)).Append("</b><span class=\"title\">").Append(E(c.Title)).Append("</span>");
                if (c.Summary.Length > 0)
                {
                    h.Append("<span class=\"sub\">").Append(E(c.Summary)).Append("</span>");
                }

                h.Append("</li>");
            }
        }
        else
        {
            foreach (var scene in report.Scenes)
            {
                var how = scene.StartKind == "start" ? "opens the video" : "after a " + scene.StartKind;
                h.Append("<li").Append(Seek(report, scene.Start)).Append("><b>").Append(Timecode.Clock(scene.Start)).Append("</b><span class=\"title\">Scene ")
                 .Append(scene.Index + 1).Append("</span><span class=\"sub\">").Append(E($"{DisplayFormat.Duration(scene.End - scene.Start)}, {how}")).Append("</span></li>");
            }
        }

        h.Append("</ol></section>");
    }

    private static void AppendTranscript(StringBuilder h, AnalysisReport report)
    {
        if (report.Transcript.Count == 0)
        {
            return;
        }

        h.Append("<section class=\"panel\"><h2>Transcript</h2><div class=\"transcript\" id=\"transcript\">");
        foreach (var t in report.Transcript)
        {
            h.Append("<p data-t=\"").Append(T(t.Start)).Append("\"><b>").Append(Timecode.Clock(t.Start)).Append("</b> ").Append(E(t.Text.Trim())).Append("</p>");
        }

        h.Append("</div></section>");
    }

    /// <summary>
    /// The seek target of a scene, chapter or moment, and its own sample: the first frame taken within a second after it
    /// starts (a cut's frame lands a little after the cut), so clicking it selects that card, not the one before.
    /// </summary>
    private static string Seek(AnalysisReport report, double time)
    {
        var own = -1;
        for (var i = 0; i < report.Samples.Count; i++)
        {
            var t = report.Samples[i].Time;
            if (t >= time - 0.001 && t < time + OwnFrameWindow)
            {
                own = i;
                break;
            }
        }

        return own < 0 ? $" data-t=\"{T(time)}\"" : $" data-t=\"{T(time)}\" data-s=\"{own}\"";
    }

    private static string Image(string frame, IReadOnlyDictionary<string, string> thumbnails) =>
        thumbnails.TryGetValue(frame, out var uri) ? uri : frame;

    private static string E(string text) => HtmlText.Escape(text);

    private static string T(double seconds) => seconds.ToString("0.###", CultureInfo.InvariantCulture);
}
