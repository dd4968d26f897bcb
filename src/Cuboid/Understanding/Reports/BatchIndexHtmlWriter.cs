using System.Globalization;
using System.Text;
using Cuboid.Formatting;

namespace Cuboid.Understanding.Reports;

/// <summary>
/// The index page of a batch (<c>index.html</c> beside <c>batch.json</c>): the report's look (its stylesheet and
/// header), the batch's totals, then one row per video linking its report, failures first so they are not missed.
/// Below 700 px the rows become cards.
/// </summary>
internal static class BatchIndexHtmlWriter
{
    private const string IndexCss = """
        .totals{display:grid;grid-template-columns:repeat(auto-fit,minmax(140px,1fr));gap:12px;margin:0 0 16px}
        .total{background:var(--card);border:1px solid var(--line);border-radius:var(--radius);padding:12px 16px}
        .total b{display:block;font-size:22px;font-variant-numeric:tabular-nums}.total span{color:var(--muted);font-size:13px}
        table.videos{width:100%;border-collapse:collapse;background:var(--card);border:1px solid var(--line);border-radius:var(--radius);overflow:hidden}
        .videos th{text-align:left;font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);padding:10px 14px;border-bottom:1px solid var(--line)}
        .videos td{padding:10px 14px;border-bottom:1px solid var(--line);vertical-align:top;text-align:left;white-space:normal}
        .videos tr:last-child td{border-bottom:0}.videos .num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
        .videos .name{font-weight:600;overflow-wrap:anywhere}.videos .summary{color:var(--muted);font-size:13px;margin-top:2px}
        .pill{display:inline-block;border-radius:999px;padding:1px 10px;font-size:12px;font-weight:600;background:var(--accent-soft);color:var(--accent)}
        .pill.failed{background:#fde8e4;color:#b3321f}.pill.completed{background:#e4f5ec;color:#1f7a4d}.pill.reused{background:#eef0f4;color:var(--muted)}
        .err{color:#b3321f;font-size:13px;margin-top:2px;overflow-wrap:anywhere}
        @media (max-width:700px){main{padding:12px}table.videos{display:block}.videos tbody{display:block}.videos thead{display:none}.videos tr{display:block;border-bottom:1px solid var(--line);padding:8px 0}
        .videos td{display:block;border:0;padding:2px 14px}.videos .num{text-align:left}.videos td[data-label]::before{content:attr(data-label) " ";color:var(--muted);font-size:12px}}
        """;

    /// <param name="writtenBy">What wrote the page, named in its footer.</param>
    public static string Write(string title, IReadOnlyList<BatchIndexEntry> entries, DateTimeOffset writtenAt, string writtenBy = "cuboid analyze --server")
    {
        ArgumentNullException.ThrowIfNull(entries);
        var h = new StringBuilder(4096 + entries.Count * 400);
        var done = entries.Count(e => e.Status == "completed");
        var failed = entries.Count(e => e.Status == "failed");
        var dollars = entries.Sum(e => e.Dollars);
        h.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n");
        h.Append("<title>").Append(E(title)).Append(" · cuboid batch</title>\n<style>").Append(ReportHtmlStyle.Css).Append(IndexCss).Append("</style></head><body>\n");
        h.Append("<header><p class=\"brand\">cuboid batch</p><h1>").Append(E(title)).Append("</h1><ul class=\"facts\">");
        h.Append("<li>").Append(DisplayFormat.Count(entries.Count, "video")).Append("</li>");
        h.Append("<li>").Append(DisplayFormat.Dollars(dollars)).Append("</li>");
        h.Append("<li class=\"mode").Append(failed > 0 ? " m-partial" : string.Empty).Append("\">")
         .Append(failed > 0 ? $"{DisplayFormat.Count(failed)} failed" : done == entries.Count ? "all done" : "in progress").Append("</li></ul></header>\n<main>\n");
        h.Append("<section class=\"totals\" aria-label=\"Totals\">");
        Total(h, DisplayFormat.Count(done), "done");
        Total(h, DisplayFormat.Count(failed), "failed");
        Total(h, DisplayFormat.Count(entries.Count - done - failed), "not finished");
        Total(h, DisplayFormat.Dollars(dollars), "spent");
        h.Append("</section>\n<table class=\"videos\"><thead><tr><th>Video</th><th>Status</th><th class=\"num\">Length</th><th class=\"num\">Chapters</th><th class=\"num\">Cost</th></tr></thead><tbody>\n");
        foreach (var entry in entries.OrderBy(e => e.Status == "failed" ? 0 : 1).ThenBy(e => e.Name, StringComparer.Ordinal))
        {
            h.Append("<tr><td><div class=\"name\">");
            if (entry.ReportHref is { } href)
            {
                h.Append("<a href=\"").Append(E(href)).Append("\">").Append(E(entry.Name)).Append("</a>");
            }
            else
            {
                h.Append(E(entry.Name));
            }

            h.Append("</div>");
            if (entry.Summary is { Length: > 0 } summary)
            {
                h.Append("<div class=\"summary\">").Append(E(summary.Length > 220 ? summary[..217] + "..." : summary)).Append("</div>");
            }

            if (entry.Error is { Length: > 0 } error)
            {
                h.Append("<div class=\"err\">").Append(E(error)).Append("</div>");
            }

            var status = entry.Reused ? "reused" : entry.Status;
            h.Append("</td><td data-label=\"Status\"><span class=\"pill ").Append(E(status)).Append("\">").Append(E(status)).Append("</span></td>");
            h.Append("<td class=\"num\" data-label=\"Length\">").Append(entry.DurationSeconds is { } seconds ? DisplayFormat.Duration(seconds) : "—").Append("</td>");
            h.Append("<td class=\"num\" data-label=\"Chapters\">").Append(entry.Chapters.ToString(CultureInfo.InvariantCulture)).Append("</td>");
            h.Append("<td class=\"num\" data-label=\"Cost\">").Append(DisplayFormat.Dollars(entry.Dollars)).Append("</td></tr>\n");
        }

        h.Append("</tbody></table>\n</main>\n<footer>Written by <b>").Append(E(writtenBy)).Append("</b> on ")
         .Append(writtenAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)).Append("</footer>\n</body></html>\n");
        return h.ToString();
    }

    private static void Total(StringBuilder h, string value, string label) =>
        h.Append("<div class=\"total\"><b>").Append(value).Append("</b><span>").Append(label).Append("</span></div>");

    private static string E(string text) => HtmlText.Escape(text);
}
