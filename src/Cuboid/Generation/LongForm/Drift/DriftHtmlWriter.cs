using System.Globalization;
using System.Net;
using System.Text;

namespace Cuboid.Generation.LongForm;

/// <summary>
/// <c>drift.html</c>: one self-contained page (no scripts, no external files) in report.html's visual language: a header
/// with the verdict, the findings, the gates a generated video tripped and what they cost, each metric's curve over the
/// segments as inline SVG with axes and the thresholds that trip a finding or a gate, the joins' frames side by side, the
/// anchor, and a table of every segment. PNG data URIs at the analysis size carry the pictures.
/// </summary>
internal static class DriftHtmlWriter
{
    /// <summary>The page; for a generated long video, <paramref name="gates"/> adds the gates its segments tripped, what was
    /// done about each and what that cost, and <paramref name="thresholds"/> draws the gates on the curves.</summary>
    public static string Render(DriftMeasurement measurement, IReadOnlyList<GateEvent>? gates = null, DriftGates? thresholds = null)
    {
        var report = measurement.Report;
        var name = Encode(Path.GetFileName(report.Path));
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
            .Append("<title>Drift: ").Append(name).Append("</title><style>").Append(DriftHtmlStyle.Css).Append("</style></head><body>");
        Header(html, report, name, gates);
        html.Append("<main>");
        Verdict(html, report);
        if (gates is not null)
        {
            Gates(html, gates);
        }

        if (report.Judgements is { } verdicts)
        {
            JudgeHtml.Append(html, verdicts);
        }

        Curves(html, report, thresholds);
        Joins(html, measurement, thresholds);
        Anchor(html, measurement);
        Segments(html, report);
        html.Append("</main><footer>Measured by Cuboid from one decode of the video at ")
            .Append(Text($"{report.AnalysisWidth}×{report.AnalysisHeight}"))
            .Append(" px; drift.json holds every number on this page.</footer></body></html>\n");
        return html.ToString();
    }

    private static void Header(StringBuilder html, DriftReport report, string name, IReadOnlyList<GateEvent>? gates)
    {
        var clean = report.Findings.Count == 0;
        html.Append("<header><p class=\"brand\">Cuboid · drift report</p><h1>").Append(name).Append("</h1><ul class=\"facts\">")
            .Append("<li class=\"verdict ").Append(clean ? "v-clean\">No drift found" : Text($"v-drift\">{Count(report.Findings.Count, "defect")} found")).Append("</li>")
            .Append(Text($"<li>{Count(report.Segments.Count, "segment")}</li><li>{Count(report.Joins.Count, "join")}</li>"))
            .Append(Text($"<li>{report.FrameCount:N0} frames</li><li>{report.Duration:0.0} s</li><li>{report.Width}×{report.Height}</li>"));
        if (gates is { Count: > 0 })
        {
            html.Append(Text($"<li>{Count(gates.Count, "gate")} tripped · ${gates.Sum(g => g.Dollars):0.####}</li>"));
        }

        html.Append("<li>anchor: ").Append(Encode(report.Anchor == "first-frame" ? "first frame" : Path.GetFileName(report.Anchor))).Append("</li></ul></header>");
    }

    private static void Verdict(StringBuilder html, DriftReport report)
    {
        html.Append("<section id=\"verdict\"><h2>Findings</h2>");
        if (report.Findings.Count == 0)
        {
            html.Append("<p class=\"note ok\">No drift defects found: colour, exposure, contrast, sharpness and motion hold across the segments, and no join flashes.</p>");
        }
        else
        {
            html.Append("<div class=\"note warn\">").Append(Count(report.Findings.Count, "defect")).Append(" found:<ul>");
            foreach (var finding in report.Findings)
            {
                html.Append("<li class=\"finding\"><span class=\"kind\">").Append(Encode(finding.Kind)).Append("</span>").Append(Encode(finding.Message)).Append("</li>");
            }

            html.Append("</ul></div>");
        }

        html.Append("</section>");
    }

    private static void Gates(StringBuilder html, IReadOnlyList<GateEvent> gates)
    {
        html.Append("<section id=\"gates\"><h2>Gates<span class=\"count\">").Append(Text($"{gates.Count} tripped")).Append("</span></h2>");
        if (gates.Count == 0)
        {
            html.Append("<p class=\"note ok\">No segment tripped a gate: every segment was delivered on its first take.</p></section>");
            return;
        }

        html.Append("<div class=\"tablebox\"><table><thead><tr><th>segment</th><th>take</th><th class=\"l\">gate</th><th>value</th><th>threshold</th><th class=\"l\">action</th><th>cost</th></tr></thead><tbody>");
        foreach (var gate in gates)
        {
            html.Append(Text($"<tr><td>{gate.Segment + 1}</td><td>{gate.Take}</td><td class=\"l\">{gate.Gate}</td><td class=\"over\">{gate.Value:0.0}</td><td>{gate.Threshold:0.0}</td><td class=\"l\">"))
                .Append(Encode(gate.Action)).Append(Text($"</td><td>${gate.Dollars:0.####}</td></tr>"));
        }

        html.Append(Text($"</tbody><tfoot><tr><td class=\"l\" colspan=\"6\">{Count(gates.Count, "gate")} tripped</td><td>${gates.Sum(g => g.Dollars):0.####}</td></tr></tfoot></table></div></section>"));
    }

    private static void Curves(StringBuilder html, DriftReport report, DriftGates? thresholds)
    {
        html.Append("<section id=\"curves\"><h2>Curves over the segments</h2><p class=\"legend\"><i class=\"k-curve\"></i>metric per segment")
            .Append("<i class=\"k-limit\"></i>finding threshold<i class=\"k-gate\"></i>gate (re-render)</p><div class=\"cards\">");
        var first = report.Segments.Count > 0 ? report.Segments[0] : null;
        var busiest = report.Segments.Max(s => s.Motion) ?? 0;
        foreach (var (metric, title, lines) in Charts(first, busiest, thresholds))
        {
            var trend = report.Trend(metric);
            html.Append("<figure class=\"panel\"><h3>").Append(Encode(title)).Append("</h3><p>")
                .Append(trend.Values.Count == 0 ? "no data" : Text($"{trend.Start:G4} → {trend.End:G4}, slope {trend.Slope:G3} per segment"))
                .Append("</p>").Append(DriftChartSvg.Render(trend.Values, i => (i + 1).ToString(CultureInfo.InvariantCulture), title, lines)).Append("</figure>");
        }

        if (report.Joins.Count > 0)
        {
            var flashes = report.Joins.Select(j => j.FlashScore).ToArray();
            html.Append("<figure class=\"panel\"><h3>Flash score at each join</h3><p>largest frame difference near the join over its surroundings</p>")
                .Append(DriftChartSvg.Render(flashes, i => (i + 1).ToString(CultureInfo.InvariantCulture), "Flash score at each join", [new ChartLine(DriftFindings.FlashScore, "flash ×5")]))
                .Append("</figure>");
            var steps = report.Joins.Select(j => j.DeltaE).ToArray();
            ChartLine[] joinGate = thresholds?.JoinDeltaE is { } join ? [new ChartLine(join, Text($"gate {join:0.#}"), IsGate: true)] : [];
            html.Append("<figure class=\"panel\"><h3>ΔE across each join</h3><p>last frame before against first frame after</p>")
                .Append(DriftChartSvg.Render(steps, i => (i + 1).ToString(CultureInfo.InvariantCulture), "ΔE across each join", joinGate))
                .Append("</figure>");
        }

        var lags = report.MultiLag;
        html.Append("<figure class=\"panel\"><h3>Multi-lag similarity</h3><p>SSIM against the frame n frames before")
            .Append(lags.Drop is { } drop ? Text($"; drop {drop:0.###}") : string.Empty).Append("</p>")
            .Append(DriftChartSvg.Render([.. lags.Similarity.Select(s => s ?? double.NaN)], i => lags.Lags[i].ToString(CultureInfo.InvariantCulture), "Multi-lag similarity", []))
            .Append("</figure></div></section>");
    }

    // The metrics charted, with the thresholds DriftFindings and the gates hold them to (relative ones from segment 1).
    private static IEnumerable<(string Metric, string Title, IReadOnlyList<ChartLine> Lines)> Charts(SegmentDrift? first, double busiest, DriftGates? thresholds)
    {
        var colour = new List<ChartLine>();
        if (first is not null)
        {
            colour.Add(new ChartLine(first.DeltaEAnchor + DriftFindings.ColourDriftDeltaE, Text($"+{DriftFindings.ColourDriftDeltaE:0}")));
        }

        if (thresholds?.AnchorDeltaE is { } gate)
        {
            colour.Add(new ChartLine(gate, Text($"gate {gate:0.#}"), IsGate: true));
        }

        yield return ("deltaEAnchor", "ΔE to the anchor (colour drift)", colour);
        yield return ("histogramAnchor", "Histogram distance to the anchor", []);
        yield return ("ssimAnchor", "SSIM to the anchor", []);
        yield return ("lumaMean", "Mean luma (exposure)", first is null ? [] :
            [new ChartLine(first.LumaMean + DriftFindings.ExposureDriftLuma, Text($"+{DriftFindings.ExposureDriftLuma:0}")),
             new ChartLine(Math.Max(0, first.LumaMean - DriftFindings.ExposureDriftLuma), Text($"−{DriftFindings.ExposureDriftLuma:0}"))]);
        yield return ("contrast", "Contrast (luma std. dev.)", first is null || first.Contrast <= 0 ? [] :
            [new ChartLine(first.Contrast * DriftFindings.ContrastCreepRatio, Text($"×{DriftFindings.ContrastCreepRatio:0.##}")),
             new ChartLine(first.Contrast / DriftFindings.ContrastCreepRatio, Text($"÷{DriftFindings.ContrastCreepRatio:0.##}"))]);
        yield return ("saturation", "Saturation", []);
        yield return ("sharpness", "Sharpness (Laplacian variance)", first is null || first.Sharpness < DriftFindings.MinimumSharpness ? [] :
            [new ChartLine(first.Sharpness * DriftFindings.BlurRampRatio, Text($"{DriftFindings.BlurRampRatio:0%}"))]);
        yield return ("flicker", "Temporal flicker", []);
        yield return ("motion", "Moving cuboids (share)", busiest < DriftFindings.MinimumMotion ? [] :
            [new ChartLine(busiest * DriftFindings.StallRatio, "stall")]);
    }

    private static void Joins(StringBuilder html, DriftMeasurement measurement, DriftGates? thresholds)
    {
        var report = measurement.Report;
        html.Append("<section id=\"joins\"><h2>Joins<span class=\"count\">").Append(Count(report.Joins.Count, "join")).Append("</span></h2>");
        if (report.Joins.Count == 0)
        {
            html.Append("<p class=\"muted\">No joins: the video is one segment.</p></section>");
            return;
        }

        html.Append("<div class=\"cards\">");
        foreach (var pictures in measurement.Joins)
        {
            var join = report.Joins[pictures.Join];
            var flagged = (join.FlashScore >= DriftFindings.FlashScore && join.PeakDifference >= DriftFindings.FlashPeak)
                || (thresholds?.JoinDeltaE is { } gate && join.DeltaE > gate);
            html.Append("<figure class=\"panel join").Append(flagged ? " flagged" : string.Empty).Append("\"><h3>")
                .Append(Text($"Join {join.Index + 1} at {join.Time:0.00} s")).Append("</h3><div class=\"pair\"><figure>")
                .Append(Image(pictures.Before, "last frame before the join")).Append("<figcaption>before</figcaption></figure><figure>")
                .Append(Image(pictures.After, "first frame after the join")).Append("<figcaption>after</figcaption></figure></div><p>")
                .Append(Text($"ΔE {join.DeltaE:0.0} · SSIM {join.Ssim:0.00} · histogram {join.HistogramDistance:0.00} · flash {join.FlashScore:0.0}×"))
                .Append("</p></figure>");
        }

        html.Append("</div></section>");
    }

    private static void Anchor(StringBuilder html, DriftMeasurement measurement)
    {
        var report = measurement.Report;
        var look = report.AnchorLook;
        var bars = report.Letterbox;
        html.Append("<section id=\"anchor\"><h2>Anchor</h2><div class=\"panel anchor\">").Append(Image(measurement.Anchor, "the anchor"))
            .Append("<dl><dt>source</dt><dd>").Append(Encode(report.Anchor == "first-frame" ? "the first frame of segment 1" : report.Anchor)).Append("</dd>")
            .Append(Text($"<dt>Lab</dt><dd>L {look.Lab.L:0.0}, a {look.Lab.A:0.0}, b {look.Lab.B:0.0}</dd><dt>mean luma</dt><dd>{look.LumaMean:0.0}</dd>"))
            .Append(Text($"<dt>contrast</dt><dd>{look.Contrast:0.0}</dd><dt>saturation</dt><dd>{look.Saturation:0.0}</dd><dt>sharpness</dt><dd>{look.Sharpness:0.0}</dd>"))
            .Append(Text($"<dt>letterbox</dt><dd>{(bars.Any ? $"top {bars.Top}, bottom {bars.Bottom}, left {bars.Left}, right {bars.Right} px" : "none")}</dd></dl></div></section>"));
    }

    private static void Segments(StringBuilder html, DriftReport report)
    {
        html.Append("<section id=\"segments\"><h2>Segments</h2><div class=\"tablebox\"><table><thead><tr><th>#</th><th>start s</th><th>end s</th>")
            .Append("<th>ΔE anchor</th><th>ΔE prev.</th><th>SSIM anchor</th><th>luma</th><th>contrast</th><th>saturation</th><th>sharpness</th><th>flicker</th><th>motion</th></tr></thead><tbody>");
        foreach (var s in report.Segments)
        {
            html.Append(Text($"<tr><td>{s.Index + 1}</td><td>{s.Start:0.00}</td><td>{s.End:0.00}</td><td>{s.DeltaEAnchor:0.0}</td><td>{Optional(s.DeltaEPrevious, "0.0")}</td>"))
                .Append(Text($"<td>{s.SsimAnchor:0.00}</td><td>{s.LumaMean:0.0}</td><td>{s.Contrast:0.0}</td><td>{s.Saturation:0.0}</td><td>{s.Sharpness:0.0}</td>"))
                .Append(Text($"<td>{s.Flicker:0.00}</td><td>{Optional(s.Motion, "0%")}</td></tr>"));
        }

        html.Append("</tbody></table></div></section>");
    }

    private static string Optional(double? value, string format) => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "–";

    private static string Count(int n, string noun) => Text($"{n} {noun}{(n == 1 ? "" : "s")}");

    private static string Image(DriftPicture picture, string alt) =>
        Text($"<img width=\"{picture.Width}\" height=\"{picture.Height}\" alt=\"{alt}\" src=\"data:image/png;base64,")
        + Convert.ToBase64String(PngEncoder.Encode(picture)) + "\">";

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
