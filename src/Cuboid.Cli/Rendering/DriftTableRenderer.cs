using System.Globalization;
using Cuboid.Generation.LongForm;

namespace Cuboid.Cli.Rendering;

/// <summary>The drift report as plain text: one <see cref="FittedTable"/> row per segment (fits the console's width;
/// all eleven columns fit in 80), then the joins, the multi-lag curve, the anchor-distance trend and the findings.</summary>
internal static class DriftTableRenderer
{
    public static async Task RenderAsync(CliConsole console, DriftReport report)
    {
        var table = new FittedTable(
            FittedColumn.Id("Seg"),
            FittedColumn.Number("Start", 9),
            FittedColumn.Number("ΔE anc", 10),
            FittedColumn.Number("ΔE prev", 6),
            FittedColumn.Number("Hist", 5),
            FittedColumn.Number("SSIM", 7),
            FittedColumn.Number("Luma", 4),
            FittedColumn.Number("Contrast", 4, "Contr"),
            FittedColumn.Number("Sat", 3),
            FittedColumn.Number("Sharp", 8),
            FittedColumn.Number("Motion", 8));
        foreach (var s in report.Segments)
        {
            table.AddRow(
                Text($"{s.Index + 1}"),
                Text($"{s.Start:0.0}"),
                Text($"{s.DeltaEAnchor:0.0}"),
                Optional(s.DeltaEPrevious, "0.0"),
                Text($"{s.HistogramAnchor:0.00}"),
                Text($"{s.SsimAnchor:0.00}"),
                Text($"{s.LumaMean:0}"),
                Text($"{s.Contrast:0.0}"),
                Text($"{s.Saturation:0}"),
                Text($"{s.Sharpness:0}"),
                Optional(s.Motion, "0%"));
        }

        table.Write(console);
        var output = console.Out;

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
