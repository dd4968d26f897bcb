using System.Text;
using Cuboid.Formatting;

namespace Cuboid.Understanding.Reports;

/// <summary>
/// The "who did the work and what it cost" part of report.html: the model of each stage (and any fallback that
/// answered), its calls, tokens, audio and dollars; the cache and near-duplicate savings; and the native-video
/// comparison as a ratio to this run. Tables sit in their own scroll boxes so a phone never scrolls the page sideways.
/// </summary>
internal static class ReportHtmlCosts
{
    public static void Append(StringBuilder h, AnalysisReport report)
    {
        h.Append("<section class=\"costs\"><h2>Who did the work and what it cost</h2>");
        var usage = report.Usage;
        if (report.Mode == "offline" || usage.Stages.Count == 0)
        {
            h.Append("<p>No model was called for this report: it cost $0. ").Append(E(StructuralReport.HowToAddProvider)).Append("</p>");
        }
        else
        {
            h.Append("<div class=\"tablebox\"><table><thead>");
            Row(h, StageLabels.Columns, "th");
            h.Append("</thead><tbody>");
            foreach (var stage in usage.Stages)
            {
                Row(h, StageLabels.Cells(stage), "td");
            }

            h.Append("</tbody><tfoot>");
            Row(h, StageLabels.Cells(usage.TotalRow, isTotal: true), "td");
            h.Append("</tfoot></table></div>");
            if (ReportWording.Cache(usage) is { } cache)
            {
                h.Append("<p class=\"cache\">").Append(E(cache)).Append("</p>");
            }
        }

        h.Append("<p class=\"muted\">").Append(E(ReportWording.Duplicates(report.Duplicates, report.Mode != "offline"))).Append("</p>");
        AppendNativeComparison(h, report);
        h.Append("</section>\n");
    }

    /// <summary>A usage row: the stage and model cells are text (left, the model in monospace), the rest numbers (right).</summary>
    private static void Row(StringBuilder h, IReadOnlyList<string> cells, string tag)
    {
        h.Append("<tr>");
        for (var i = 0; i < cells.Count; i++)
        {
            var css = i switch { 0 => " class=\"l\"", 1 => " class=\"l model\"", _ => string.Empty };
            h.Append('<').Append(tag).Append(css).Append('>').Append(E(cells[i])).Append("</").Append(tag).Append('>');
        }

        h.Append("</tr>");
    }

    private static void AppendNativeComparison(StringBuilder h, AnalysisReport report)
    {
        if (report.NativeVideoComparison.Count == 0)
        {
            return;
        }

        var thisRun = report.Usage.Total.Dollars;
        var ratios = thisRun > 0;
        h.Append("<h3>The same video sent whole to a native video model (input only)</h3><div class=\"tablebox\"><table><thead><tr><th class=\"l\">Model</th><th class=\"l\">Resolution</th><th>Tokens</th><th>Calls</th><th>Cost</th>");
        if (ratios)
        {
            h.Append("<th>Compared with this run</th>");
        }

        h.Append("</tr></thead><tbody>");
        foreach (var q in report.NativeVideoComparison)
        {
            h.Append("<tr><td class=\"l model\">").Append(E(q.Model)).Append("</td><td class=\"l\">").Append(E(ReportWording.Resolution(q))).Append("</td><td>")
             .Append(DisplayFormat.Count(q.Tokens)).Append("</td><td>").Append(DisplayFormat.Count(q.Calls)).Append("</td><td>").Append(DisplayFormat.Dollars(q.Dollars)).Append("</td>");
            if (ratios)
            {
                h.Append("<td>").Append(E(ReportWording.TimesThisRun(q, thisRun)!)).Append("</td>");
            }

            h.Append("</tr>");
        }

        h.Append("</tbody></table></div>");
        if (!ratios)
        {
            h.Append("<p class=\"muted\">This run cost $0, so there is no ratio to show.</p>");
        }
    }

    private static string E(string text) => HtmlText.Escape(text);
}
