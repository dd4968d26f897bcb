using System.Globalization;
using System.Net;
using System.Text;

namespace Cuboid.Understanding.Reports;

/// <summary>
/// Writes <c>report.html</c>: one self-contained page (inline CSS and script, frames by relative
/// <c>frames/</c> links) that works opened straight from disk. Chapters, key moments and transcript lines
/// seek the embedded source video when the browser can play it, and otherwise scroll the timeline.
/// </summary>
public static class ReportHtmlWriter
{
    /// <param name="videoHref">The source video relative to the report folder, or null to embed no player.</param>
    public static string Write(AnalysisReport report, string? videoHref)
    {
        var v = report.Video;
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n");
        h.Append("<title>").Append(E(report.Source)).Append(" · cuboid analyze</title>\n<style>").Append(Css).Append("</style></head><body>\n");
        h.Append("<header><h1>").Append(E(report.Source)).Append("</h1><p class=\"facts\">")
         .Append(E(string.Create(CultureInfo.InvariantCulture, $"{Timecode.Clock(v.DurationSeconds)} · {v.Width}×{v.Height} · {v.FrameRate:0.##} fps · {(v.HasAudio ? "audio" : "no audio")} · {report.Samples.Count} samples · {report.Scenes.Count} scenes · {report.Mode} report")))
         .Append("</p></header>\n<main>\n");
        foreach (var warning in report.Warnings)
        {
            h.Append("<p class=\"warn\">").Append(E(warning)).Append("</p>\n");
        }

        h.Append("<div class=\"top\"><section class=\"player\">");
        if (videoHref is not null)
        {
            h.Append("<video id=\"video\" controls preload=\"metadata\" src=\"").Append(E(videoHref)).Append('"');
            if (report.Samples.Count > 0)
            {
                h.Append(" poster=\"").Append(E(report.Samples[0].Frame)).Append('"');
            }

            h.Append("></video>");
        }

        h.Append(MotionSvg(report));
        h.Append("</section><section class=\"summary\">");
        var noSummary = report.Mode == "offline"
            ? "No summary: this is the structural report (no model was called). Configure a model provider to get captions, a transcript, a summary and chapters."
            : "No summary: the reasoning model was not called for this report (see the note above).";
        h.Append("<h2>Summary</h2><p>").Append(E(report.Summary ?? noSummary)).Append("</p>");
        if (report.Topics.Count > 0)
        {
            h.Append("<p class=\"topics\">");
            foreach (var topic in report.Topics)
            {
                h.Append("<span>").Append(E(topic)).Append("</span>");
            }

            h.Append("</p>");
        }

        if (report.Chapters.Count > 0)
        {
            h.Append("<h2>Chapters</h2><ol class=\"chapters\">");
            foreach (var c in report.Chapters)
            {
                h.Append("<li><a href=\"#\" data-t=\"").Append(T(c.Start)).Append("\"><b>").Append(Timecode.Clock(c.Start)).Append("</b> ")
                 .Append(E(c.Title)).Append("</a><div>").Append(E(c.Summary)).Append("</div></li>");
            }

            h.Append("</ol>");
        }

        else if (report.Scenes.Count > 0)
        {
            h.Append("<h2>Scenes</h2><ol class=\"chapters\">");
            foreach (var scene in report.Scenes)
            {
                h.Append("<li><a href=\"#\" data-t=\"").Append(T(scene.Start)).Append("\"><b>").Append(Timecode.Clock(scene.Start)).Append("</b> ")
                 .Append(E($"Scene {scene.Index + 1}")).Append("</a><div>").Append(E($"{Timecode.Clock(scene.End - scene.Start)} long, {(scene.StartKind == "start" ? "opens the video" : "after a " + scene.StartKind)}")).Append("</div></li>");
            }

            h.Append("</ol>");
        }

        if (report.KeyMoments.Count > 0)
        {
            h.Append("<h2>Key moments</h2><ul class=\"moments\">");
            foreach (var k in report.KeyMoments)
            {
                h.Append("<li><a href=\"#\" data-t=\"").Append(T(k.Time)).Append("\"><b>").Append(Timecode.Clock(k.Time)).Append("</b></a> ").Append(E(k.Description)).Append("</li>");
            }

            h.Append("</ul>");
        }

        h.Append("</section></div>\n<h2>Timeline</h2><div class=\"timeline\">");
        foreach (var s in report.Samples)
        {
            h.Append("<figure id=\"s-").Append(T(s.Time)).Append("\" data-t=\"").Append(T(s.Time)).Append("\"><img loading=\"lazy\" src=\"").Append(E(s.Frame)).Append("\" alt=\"frame at ").Append(Timecode.Clock(s.Time)).Append("\">")
             .Append("<figcaption><b>").Append(Timecode.Clock(s.Time)).Append("</b> <i class=\"r-").Append(E(s.Reason)).Append("\">").Append(E(s.Reason)).Append("</i> ")
             .Append(E(s.Caption ?? string.Empty)).Append("</figcaption></figure>");
        }

        h.Append("</div>\n");
        if (report.Transcript.Count > 0)
        {
            h.Append("<h2>Transcript</h2><div class=\"transcript\">");
            foreach (var t in report.Transcript)
            {
                h.Append("<p><a href=\"#\" data-t=\"").Append(T(t.Start)).Append("\">").Append(Timecode.Clock(t.Start)).Append("</a> ").Append(E(t.Text.Trim())).Append("</p>");
            }

            h.Append("</div>\n");
        }

        AppendCosts(h, report);
        h.Append("</main>\n<script>").Append(Script).Append("</script>\n</body></html>\n");
        return h.ToString();
    }

    private static void AppendCosts(StringBuilder h, AnalysisReport report)
    {
        h.Append("<h2>Cost</h2><table><tr><th>Stage</th><th>Calls</th><th>Tokens in</th><th>Tokens out</th><th>Audio s</th><th>$</th></tr>");
        foreach (var u in report.Usage.Stages.Append(report.Usage.Total))
        {
            h.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(u.Stage)}</td><td>{u.Calls}</td><td>{u.InputTokens}</td><td>{u.OutputTokens}</td><td>{u.AudioSeconds:0.#}</td><td>{u.Dollars:0.0000}</td></tr>");
        }

        h.Append("</table>");
        h.Append(CultureInfo.InvariantCulture, $"<p class=\"facts\">Near-duplicate samples skipped: {report.Duplicates.Skipped} (saved ≈ ${report.Duplicates.DollarsSaved:0.0000}).</p>");
        if (report.NativeVideoComparison.Count > 0)
        {
            h.Append("<h3>The same video sent whole to a native video model (input only)</h3><table><tr><th>Model</th><th>Resolution</th><th>Tokens</th><th>Calls</th><th>$</th></tr>");
            foreach (var q in report.NativeVideoComparison)
            {
                h.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(q.Model)}</td><td>{E(q.Resolution)} ({q.TokensPerFrame}/frame)</td><td>{q.Tokens}</td><td>{q.Calls}</td><td>{q.Dollars:0.0000}</td></tr>");
            }

            h.Append("</table>");
        }
    }

    private static string MotionSvg(AnalysisReport report)
    {
        var duration = Math.Max(report.Video.DurationSeconds, 0.001);
        var points = report.MotionProfile;
        var max = points.Count == 0 ? 1 : Math.Max(points.Max(p => p.Energy), 1e-9);
        var svg = new StringBuilder("<svg class=\"motion\" viewBox=\"0 0 1000 60\" preserveAspectRatio=\"none\" aria-label=\"motion and scenes\">");
        foreach (var speech in report.SpeechActivity)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{speech.Start / duration * 1000:0.#}\" y=\"52\" width=\"{Math.Max(1, speech.Duration / duration * 1000):0.#}\" height=\"8\" class=\"speech\"/>");
        }

        if (points.Count > 1)
        {
            var line = string.Join(' ', points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Time / duration * 1000:0.#},{50 - p.Energy / max * 46:0.#}")));
            svg.Append("<polyline points=\"").Append(line).Append("\"/>");
        }

        foreach (var scene in report.Scenes.Skip(1))
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{scene.Start / duration * 1000:0.#}\" x2=\"{scene.Start / duration * 1000:0.#}\" y1=\"0\" y2=\"50\"/>");
        }

        return svg.Append("</svg><p class=\"legend\">motion · <span class=\"cutkey\">|</span> scene boundaries · <span class=\"speechkey\">■</span> speech</p>").ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string T(double seconds) => seconds.ToString("0.###", CultureInfo.InvariantCulture);

    private const string Css = """
        :root{--bg:#f6f7f9;--fg:#1d2330;--muted:#667085;--card:#fff;--accent:#3559e0;--line:#e3e6ec}
        *{box-sizing:border-box}body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:var(--bg);color:var(--fg)}
        header{background:#1d2330;color:#fff;padding:18px 32px}header h1{margin:0;font-size:22px}header .facts{color:#c5cbe0;margin:4px 0 0}
        main{max-width:1200px;margin:0 auto;padding:16px 32px 48px}h2{font-size:18px;margin:24px 0 10px}
        .facts{color:var(--muted)}.warn{background:#fff4e5;border:1px solid #f5c27a;padding:8px 12px;border-radius:6px}
        .top{display:flex;gap:24px;align-items:flex-start;flex-wrap:wrap}.player{flex:1 1 460px;min-width:320px}.summary{flex:1 1 420px}
        video{width:100%;border-radius:8px;background:#000;display:block}
        .motion{width:100%;height:60px;background:var(--card);border:1px solid var(--line);border-radius:6px;margin-top:8px}
        .motion polyline{fill:none;stroke:var(--accent);stroke-width:1.5}.motion line{stroke:#e0533d;stroke-width:1.5}.motion .speech{fill:#3aa76d;opacity:.6}
        .legend{font-size:12px;color:var(--muted);margin:2px 0}.cutkey{color:#e0533d;font-weight:bold}.speechkey{color:#3aa76d}
        .topics span{display:inline-block;background:#e8edff;color:var(--accent);border-radius:12px;padding:2px 10px;margin:0 6px 6px 0;font-size:13px}
        .chapters{padding-left:20px}.chapters li{margin-bottom:8px}.chapters div{color:var(--muted);font-size:14px}
        a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline}
        .timeline{display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:14px}
        figure{margin:0;background:var(--card);border:1px solid var(--line);border-radius:8px;overflow:hidden;cursor:pointer;transition:box-shadow .2s}
        figure:hover{box-shadow:0 2px 10px rgba(0,0,0,.12)}figure.hit{box-shadow:0 0 0 3px var(--accent)}
        figure img{width:100%;aspect-ratio:16/9;object-fit:cover;display:block;background:#ddd}
        figcaption{padding:8px 10px;font-size:13px}figcaption i{font-style:normal;font-size:11px;padding:1px 6px;border-radius:8px;background:#eef0f4;color:var(--muted)}
        figcaption i.r-cut{background:#fde8e4;color:#b8321c}
        .transcript p{margin:4px 0}.transcript a{font-variant-numeric:tabular-nums;margin-right:6px}
        table{border-collapse:collapse;background:var(--card);margin:8px 0}td,th{border:1px solid var(--line);padding:4px 10px;text-align:right}td:first-child,th:first-child,td.t,th.t{text-align:left}
        """;

    private const string Script = """
        (function(){
          var video=document.getElementById('video');var playable=!!video;
          if(video){video.addEventListener('error',function(){playable=false;video.style.display='none';},true);}
          var figs=[].slice.call(document.querySelectorAll('figure[data-t]'));
          function nearest(t){var best=null;figs.forEach(function(f){if(parseFloat(f.dataset.t)<=t+0.001||!best)best=f;});return best;}
          function go(t){
            var f=nearest(t);figs.forEach(function(x){x.classList.remove('hit');});if(f)f.classList.add('hit');
            if(playable&&video&&video.readyState>0){video.currentTime=t;video.play();video.scrollIntoView({behavior:'smooth',block:'center'});}
            else if(f){f.scrollIntoView({behavior:'smooth',block:'center'});}
          }
          document.addEventListener('click',function(e){var el=e.target.closest('[data-t]');if(!el)return;e.preventDefault();go(parseFloat(el.dataset.t));});
        })();
        """;
}
