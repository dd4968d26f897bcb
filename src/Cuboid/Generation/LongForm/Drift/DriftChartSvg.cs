using System.Globalization;
using System.Net;
using System.Text;

namespace Cuboid.Generation.LongForm;

/// <summary>
/// One metric's curve as inline SVG: y axis with gridlines and values, x axis labelled per point, the curve and its
/// points, and dashed threshold lines (<see cref="ChartLine"/>) so a reader sees how far a value is from tripping. The
/// SVG scales to its box (<c>viewBox</c>, width 100 %), so the same chart fits a phone and a wide screen.
/// </summary>
internal static class DriftChartSvg
{
    private const double Width = 320;
    private const double Height = 150;
    private const double Left = 44;
    private const double Right = 12;
    private const double Top = 12;
    private const double Bottom = 28;

    public static string Render(IReadOnlyList<double> values, Func<int, string> label, string title, IReadOnlyList<ChartLine> lines, bool fromZero = true)
    {
        var svg = new StringBuilder();
        svg.Append(Text($"<svg class=\"chart\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\""))
            .Append(WebUtility.HtmlEncode(title)).Append("\">");
        var present = values.Where(v => !double.IsNaN(v)).ToArray();
        if (present.Length == 0)
        {
            return svg.Append(Text($"<text class=\"nodata\" x=\"{Width / 2}\" y=\"{Height / 2}\" text-anchor=\"middle\">no data</text></svg>")).ToString();
        }

        // Magnitudes start at zero, so a 122.7 -> 123.1 luma change stays a flat line instead of filling the chart.
        var all = present.Concat(lines.Select(l => l.Value)).ToArray();
        var min = fromZero ? Math.Min(0, all.Min()) : all.Min();
        var max = all.Max();
        if (max - min < 1e-9)
        {
            (min, max) = (min - 0.5, max + 0.5);
        }

        max += (max - min) * 0.08; // headroom for the top label
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        double X(int i) => Left + (plotWidth * (values.Count == 1 ? 0.5 : i / (double)(values.Count - 1)));
        double Y(double v) => Top + (plotHeight * (1 - ((v - min) / (max - min))));

        for (var tick = 0; tick <= 3; tick++)
        {
            var v = min + ((max - min) * tick / 3);
            svg.Append(Text($"<line class=\"gridline\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Y(v):0.#}\" y2=\"{Y(v):0.#}\"/>"))
                .Append(Text($"<text class=\"ytick\" x=\"{Left - 5}\" y=\"{Y(v) + 3.5:0.#}\" text-anchor=\"end\">{Tick(v)}</text>"));
        }

        svg.Append(Text($"<line class=\"axis\" x1=\"{Left}\" x2=\"{Left}\" y1=\"{Top}\" y2=\"{Height - Bottom}\"/>"))
            .Append(Text($"<line class=\"axis\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Height - Bottom}\" y2=\"{Height - Bottom}\"/>"));
        var every = values.Count <= 12 ? 1 : (int)Math.Ceiling(values.Count / 8.0);
        for (var i = 0; i < values.Count; i += every)
        {
            svg.Append(Text($"<text class=\"xtick\" x=\"{X(i):0.#}\" y=\"{Height - Bottom + 14}\" text-anchor=\"middle\">")).Append(label(i)).Append("</text>");
        }

        foreach (var line in lines)
        {
            var y = Y(line.Value);
            // A line under the curve's start is labelled under itself, so its words do not sit on the curve.
            var labelY = line.Value < present[0] ? y + 11 : y - 3;
            svg.Append(Text($"<line class=\"{(line.IsGate ? "gate" : "limit")}\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\"/>"))
                .Append(Text($"<text class=\"{(line.IsGate ? "gate-label" : "limit-label")}\" x=\"{Width - Right - 2}\" y=\"{labelY:0.#}\" text-anchor=\"end\">"))
                .Append(WebUtility.HtmlEncode(line.Label)).Append("</text>");
        }

        var points = string.Join(' ', values.Select((v, i) => (v, i)).Where(p => !double.IsNaN(p.v)).Select(p => Text($"{X(p.i):0.#},{Y(p.v):0.#}")));
        svg.Append("<polyline class=\"curve\" points=\"").Append(points).Append("\"/>");
        for (var i = 0; i < values.Count; i++)
        {
            if (!double.IsNaN(values[i]))
            {
                svg.Append(Text($"<circle class=\"dot\" cx=\"{X(i):0.#}\" cy=\"{Y(values[i]):0.#}\" r=\"{(values.Count > 40 ? 1.5 : 3)}\"><title>{label(i)}: {values[i]:G4}</title></circle>"));
            }
        }

        return svg.Append("</svg>").ToString();
    }

    private static string Tick(double value) =>
        Math.Abs(value) >= 1000 ? Text($"{value:0}") : Math.Abs(value) >= 10 ? Text($"{value:0.#}") : Text($"{value:0.##}");

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
