using System.Globalization;
using System.Text.Json;
using Cuboid.Understanding;
using Cuboid.Understanding.Reports;
using Spectre.Console;

namespace Cuboid.Cli.Rendering;

/// <summary><c>analyze --dry-run</c>: the sampling plan, the model and price per stage, and the native-video comparison.</summary>
public static class AnalyzePlanRenderer
{
    public static void Render(CliConsole console, DryRunPlan plan, bool json)
    {
        if (json)
        {
            console.Out.WriteLine(JsonSerializer.Serialize(plan, ReportJson.Options));
            return;
        }

        var ansi = console.Ansi;
        var reasons = string.Join(", ", plan.SamplesByReason.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Value} {r.Key}"));
        ansi.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"{plan.Source}: {Timecode.Clock(plan.Video.DurationSeconds)}; {plan.Kept} frames to caption ({reasons}); {plan.SkippedDuplicates} near-duplicates skipped; {plan.AudioMinutes:0.#} audio minutes")));
        var stages = new Table().AddColumns("Stage", "Model", "Calls", "Tokens in", "Tokens out", "Audio min", "Est. $");
        foreach (var s in plan.Stages)
        {
            stages.AddRow(s.Stage, Markup.Escape(s.Model ?? "(none configured)"), N(s.Calls), N(s.InputTokens), N(s.OutputTokens), s.AudioMinutes.ToString("0.#", CultureInfo.InvariantCulture), s.Dollars.ToString("0.0000", CultureInfo.InvariantCulture));
        }

        stages.AddRow("total", string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, plan.TotalDollars.ToString("0.0000", CultureInfo.InvariantCulture));
        ansi.Write(stages);
        var native = new Table().AddColumns("Native video model", "Resolution", "Tokens", "Calls", "$ (input)");
        foreach (var q in plan.NativeVideoComparison)
        {
            native.AddRow(Markup.Escape(q.Model), $"{q.Resolution} ({q.TokensPerFrame}/frame)", N(q.Tokens), N(q.Calls), q.Dollars.ToString("0.0000", CultureInfo.InvariantCulture));
        }

        ansi.Write(native);
        ansi.MarkupLine("No model was called.");
    }

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
