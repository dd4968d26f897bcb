using System.Globalization;
using System.Text;

namespace Cuboid.Understanding.Reports;

/// <summary>
/// The motion strip of report.html: motion over time (at most one point per 1/1000 of the video, the largest in each
/// slot, so a 3-hour video stays a small SVG), scene boundaries, speech, a playhead and a time axis. Drawn once; the
/// page's script only moves the playhead.
/// </summary>
internal static class MotionStripHtml
{
    private const int Slots = 1000;
    private static readonly int[] TickSteps = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200];

    public static void Append(StringBuilder h, AnalysisReport report)
    {
        var duration = Math.Max(report.Video.DurationSeconds, 0.001);
        h.Append("<div class=\"strip\" id=\"strip\" data-d=\"").Append(Num(duration)).Append("\" title=\"Click to seek\">");
        h.Append("<svg viewBox=\"0 0 1000 48\" preserveAspectRatio=\"none\" aria-hidden=\"true\">");
        foreach (var speech in report.SpeechActivity)
        {
            h.Append(CultureInfo.InvariantCulture, $"<rect class=\"speech\" x=\"{X(speech.Start, duration)}\" y=\"44\" width=\"{Math.Max(1, speech.Duration / duration * Slots):0.#}\" height=\"4\"/>");
        }

        var points = Downsampled(report.MotionProfile, duration);
        if (points.Count > 1)
        {
            var max = Math.Max(points.Max(p => p.Energy), 1e-9);
            var line = string.Join(' ', points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{X(p.Time, duration)},{42 - p.Energy / max * 38:0.#}")));
            h.Append("<polygon class=\"area\" points=\"").Append(X(points[0].Time, duration)).Append(",42 ").Append(line).Append(' ').Append(X(points[^1].Time, duration)).Append(",42\"/>");
            h.Append("<polyline points=\"").Append(line).Append("\"/>");
        }

        foreach (var scene in report.Scenes.Skip(1))
        {
            h.Append("<line x1=\"").Append(X(scene.Start, duration)).Append("\" x2=\"").Append(X(scene.Start, duration)).Append("\" y1=\"0\" y2=\"42\"/>");
        }

        h.Append("</svg><div class=\"playhead\" id=\"playhead\"></div></div><div class=\"axis\" aria-hidden=\"true\">");
        var step = TickSteps.FirstOrDefault(s => duration / s <= 8, TickSteps[^1]);
        // A tick too close to the end label would overlap it on a phone.
        for (var t = 0.0; t < duration * 0.88; t += step)
        {
            h.Append("<span style=\"left:").Append(Num(t / duration * 100)).Append("%\">").Append(Timecode.Clock(t)).Append("</span>");
        }

        h.Append("<span class=\"end\">").Append(Timecode.Clock(duration)).Append("</span></div>");
        h.Append("<p class=\"legend\"><i class=\"k-motion\"></i>motion <i class=\"k-cut\"></i>scene boundary");
        if (report.SpeechActivity.Count > 0)
        {
            h.Append(" <i class=\"k-speech\"></i>sound");
        }

        h.Append("</p>");
    }

    private static List<MotionPoint> Downsampled(IReadOnlyList<MotionPoint> points, double duration)
    {
        if (points.Count <= Slots)
        {
            return [.. points];
        }

        return [.. points.GroupBy(p => (int)Math.Clamp(p.Time / duration * Slots, 0, Slots - 1)).Select(g => g.MaxBy(p => p.Energy)!)];
    }

    private static string X(double time, double duration) => (time / duration * Slots).ToString("0.#", CultureInfo.InvariantCulture);

    private static string Num(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
