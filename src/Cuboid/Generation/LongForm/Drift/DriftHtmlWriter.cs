using System.Globalization;
using System.Net;
using System.Text;

namespace Cuboid.Generation.LongForm;

/// <summary>
/// <c>drift.html</c>: one self-contained page (no scripts, no external files): the findings, each metric's curve over
/// the segments as inline SVG, the multi-lag similarity curve, the anchor, and the frames either side of every join
/// side by side (PNG data URIs at the analysis size).
/// </summary>
internal static class DriftHtmlWriter
{
    private const int ChartWidth = 300;
    private const int ChartHeight = 120;
    private const int Margin = 28;
    private const int LeftMargin = 52;

    private static readonly (string Metric, string Title)[] Charts =
    [
        ("deltaEAnchor", "ΔE to the anchor (colour drift)"),
        ("histogramAnchor", "Histogram distance to the anchor"),
        ("ssimAnchor", "SSIM to the anchor"),
        ("lumaMean", "Mean luma (exposure)"),
        ("contrast", "Contrast (luma std. dev.)"),
        ("saturation", "Saturation"),
        ("sharpness", "Sharpness (Laplacian variance)"),
        ("flicker", "Temporal flicker score"),
        ("motion", "Moving cuboids (share)"),
    ];

    /// <summary>The page; for a generated long video, <paramref name="gates"/> adds the gates its segments tripped, what was
    /// done about each and what that cost.</summary>
    public static string Render(DriftMeasurement measurement, IReadOnlyList<GateEvent>? gates = null)
    {
        var report = measurement.Report;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Drift: ")
            .Append(Encode(Path.GetFileName(report.Path)))
            .Append("</title><style>")
            .Append("body{font-family:system-ui,sans-serif;margin:24px;color:#222;max-width:1300px}")
            .Append("h1{font-size:22px}h2{font-size:17px;margin-top:28px}.charts{display:flex;flex-wrap:wrap;gap:14px}")
            .Append("figure{margin:0}figcaption{font-size:13px;color:#444}svg{background:#fafafa;border:1px solid #ddd}")
            .Append(".joins{display:flex;flex-wrap:wrap;gap:18px}.pair img,.anchor img{image-rendering:auto;border:1px solid #ccc}")
            .Append(".finding{color:#a30}.clean{color:#070}table{border-collapse:collapse;font-size:13px}")
            .Append("td,th{border:1px solid #ddd;padding:3px 6px;text-align:right}</style></head><body>");
        html.Append("<h1>Drift: ").Append(Encode(Path.GetFileName(report.Path))).Append("</h1><p>")
            .Append(Text($"{report.Segments.Count} segments, {report.Joins.Count} joins, {report.FrameCount} frames, {report.Duration:0.00} s; "))
            .Append(Text($"metrics at {report.AnalysisWidth}x{report.AnalysisHeight}; anchor: ")).Append(Encode(report.Anchor)).Append("</p>");

        html.Append("<h2>Findings</h2>");
        if (report.Findings.Count == 0)
        {
            html.Append("<p class=\"clean\">No drift defects found.</p>");
        }
        else
        {
            html.Append("<ul>");
            foreach (var finding in report.Findings)
            {
                html.Append("<li class=\"finding\">").Append(Encode(finding.Message)).Append("</li>");
            }

            html.Append("</ul>");
        }

        if (gates is not null)
        {
            html.Append("<h2>Gates</h2>");
            if (gates.Count == 0)
            {
                html.Append("<p class=\"clean\">No segment tripped a gate.</p>");
            }
            else
            {
                html.Append("<table><tr><th>segment</th><th>take</th><th>gate</th><th>value</th><th>threshold</th><th>action</th><th>cost</th></tr>");
                foreach (var gate in gates)
                {
                    html.Append(Text($"<tr><td>{gate.Segment + 1}</td><td>{gate.Take}</td><td>{gate.Gate}</td><td>{gate.Value:0.0}</td><td>{gate.Threshold:0.0}</td><td>"))
                        .Append(Encode(gate.Action)).Append(Text($"</td><td>${gate.Dollars:0.####}</td></tr>"));
                }

                html.Append(Text($"</table><p>{gates.Count} gate(s) tripped; re-renders cost ${gates.Sum(g => g.Dollars):0.####}.</p>"));
            }
        }

        html.Append("<h2>Curves over segments</h2><div class=\"charts\">");
        foreach (var (metric, title) in Charts)
        {
            var trend = report.Trend(metric);
            html.Append("<figure>").Append(Chart(trend.Values, i => (i + 1).ToString(CultureInfo.InvariantCulture)))
                .Append("<figcaption>").Append(Encode(title))
                .Append(Text($" — slope {trend.Slope:G3}/segment, {trend.Start:G4} → {trend.End:G4}"))
                .Append("</figcaption></figure>");
        }

        var lags = report.MultiLag;
        var lagValues = lags.Similarity.Select(s => s ?? double.NaN).ToArray();
        html.Append("<figure>").Append(Chart(lagValues, i => lags.Lags[i].ToString(CultureInfo.InvariantCulture)))
            .Append("<figcaption>Multi-lag similarity (SSIM vs lag in frames)")
            .Append(lags.Drop is { } drop ? Text($" — drop {drop:0.###}") : string.Empty)
            .Append("</figcaption></figure></div>");

        html.Append("<h2>Anchor</h2><div class=\"anchor\">").Append(Image(measurement.Anchor, "anchor")).Append("</div>");

        html.Append("<h2>Joins</h2>");
        if (report.Joins.Count == 0)
        {
            html.Append("<p>No joins: the video is one segment.</p>");
        }

        html.Append("<div class=\"joins\">");
        foreach (var pictures in measurement.Joins)
        {
            var join = report.Joins[pictures.Join];
            html.Append("<figure class=\"pair\">").Append(Image(pictures.Before, "before the join")).Append(' ')
                .Append(Image(pictures.After, "after the join")).Append("<figcaption>")
                .Append(Text($"join {join.Index + 1} at {join.Time:0.00} s: ΔE {join.DeltaE:0.0}, SSIM {join.Ssim:0.00}, flash {join.FlashScore:0.0}"))
                .Append("</figcaption></figure>");
        }

        html.Append("</div>");
        var bars = report.Letterbox;
        html.Append("<h2>Letterbox</h2><p>")
            .Append(Text($"top {bars.Top} px, bottom {bars.Bottom} px, left {bars.Left} px, right {bars.Right} px (over {bars.FramesSeen} lit frames)"))
            .Append("</p></body></html>\n");
        return html.ToString();
    }

    private static string Chart(IReadOnlyList<double> values, Func<int, string> label)
    {
        var svg = new StringBuilder();
        svg.Append(Text($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{ChartWidth}\" height=\"{ChartHeight}\" viewBox=\"0 0 {ChartWidth} {ChartHeight}\">"));
        var present = values.Where(v => !double.IsNaN(v)).ToArray();
        if (present.Length == 0)
        {
            return svg.Append("<text x=\"10\" y=\"60\" font-size=\"12\">no data</text></svg>").ToString();
        }

        // Every charted metric is a magnitude, so the axis starts at zero: a 122.7 -> 123.1 luma change stays a flat
        // line instead of filling the chart, and a real drift still shows as the share of its level that it moved.
        var min = Math.Min(0, present.Min());
        var max = present.Max();
        if (max - min < 1e-9)
        {
            min -= 0.5;
            max += 0.5;
        }

        double X(int i) => LeftMargin + ((ChartWidth - LeftMargin - 16) * (values.Count == 1 ? 0.5 : i / (double)(values.Count - 1)));
        double Y(double v) => ChartHeight - Margin + 8 - ((ChartHeight - Margin) * (v - min) / (max - min));
        svg.Append(Text($"<text x=\"2\" y=\"12\" font-size=\"10\">{max:G4}</text><text x=\"2\" y=\"{ChartHeight - 22}\" font-size=\"10\">{min:G4}</text>"));
        var points = string.Join(' ', values.Select((v, i) => (v, i)).Where(p => !double.IsNaN(p.v)).Select(p => Text($"{X(p.i):0.#},{Y(p.v):0.#}")));
        svg.Append("<polyline fill=\"none\" stroke=\"#1f6fb2\" stroke-width=\"2\" points=\"").Append(points).Append("\"/>");
        for (var i = 0; i < values.Count; i++)
        {
            if (!double.IsNaN(values[i]))
            {
                svg.Append(Text($"<circle cx=\"{X(i):0.#}\" cy=\"{Y(values[i]):0.#}\" r=\"2.5\" fill=\"#1f6fb2\"/>"));
            }

            if (values.Count <= 16 || i % (values.Count / 8) == 0)
            {
                svg.Append(Text($"<text x=\"{X(i) - 3:0.#}\" y=\"{ChartHeight - 4}\" font-size=\"10\">")).Append(label(i)).Append("</text>");
            }
        }

        return svg.Append("</svg>").ToString();
    }

    private static string Image(DriftPicture picture, string alt) =>
        Text($"<img width=\"{picture.Width}\" height=\"{picture.Height}\" alt=\"{alt}\" src=\"data:image/png;base64,")
        + Convert.ToBase64String(PngEncoder.Encode(picture)) + "\">";

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
