using System.Globalization;
using Cuboid.Generation.LongForm;

namespace Cuboid.Cli.Rendering;

/// <summary>The drift report as plain text that fits 80 columns: one row per segment, then the joins, the multi-lag
/// curve, the anchor-distance trend and the findings.</summary>
internal static class DriftTableRenderer
{
    private const string Header = "seg   start  ΔE anc ΔE prv  hist  SSIM  luma contrast  sat    sharp motion";

    public static async Task RenderAsync(TextWriter output, DriftReport report)
    {
        await output.WriteLineAsync(Header);
        foreach (var s in report.Segments)
        {
            await output.WriteLineAsync(Text(
                $"{s.Index + 1,3} {s.Start,7:0.0} {s.DeltaEAnchor,7:0.0} {Optional(s.DeltaEPrevious, "0.0"),6} {s.HistogramAnchor,5:0.00} {s.SsimAnchor,5:0.00} {s.LumaMean,5:0} {s.Contrast,8:0.0} {s.Saturation,4:0} {s.Sharpness,8:0} {Optional(s.Motion, "0%"),6}"));
        }

        foreach (var j in report.Joins)
        {
            await output.WriteLineAsync(Text(
                $"join {j.Index + 1} at {j.Time:0.00} s: ΔE {j.DeltaE:0.0}, SSIM {j.Ssim:0.00}, flash {j.FlashScore:0.0}, luma step {j.LumaStep:0.0}"));
        }

        var lags = report.MultiLag;
        var curve = string.Join(", ", lags.Lags.Select((lag, i) => Text($"{lag}: {Optional(lags.Similarity[i], "0.00")}")));
        await output.WriteLineAsync($"multi-lag SSIM {curve}");
        var distance = report.Trend("deltaEAnchor");
        await output.WriteLineAsync(Text($"anchor ΔE {distance.Start:0.0} → {distance.End:0.0}, slope {distance.Slope:0.00}/segment"));
        if (report.Findings.Count == 0)
        {
            await output.WriteLineAsync("No drift defects found.");
            return;
        }

        foreach (var finding in report.Findings)
        {
            await output.WriteLineAsync($"! {finding.Message}");
        }
    }

    private static string Optional(double? value, string format) =>
        value?.ToString(format, CultureInfo.InvariantCulture) ?? "-";

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
