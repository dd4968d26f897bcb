using System.Globalization;
using System.Text.Json;
using Cuboid.Compute;
using Cuboid.Portfolio;
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
            var model = s.Model is null ? "(none configured)" : s.Configured ? s.Model : $"{s.Model} (not configured)";
            stages.AddRow(s.Stage, Markup.Escape(model), N(s.Calls), N(s.InputTokens), N(s.OutputTokens), s.AudioMinutes.ToString("0.#", CultureInfo.InvariantCulture), s.PriceKnown ? Dollars(s.Dollars) : "price unknown");
        }

        stages.AddRow("total", string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, plan.PriceKnown ? Dollars(plan.TotalDollars) : $">= {Dollars(plan.TotalDollars)}");
        ansi.Write(stages);
        foreach (var s in plan.Stages.Where(s => !s.PriceKnown))
        {
            ansi.MarkupLine(Markup.Escape($"{s.Model} is not in the model catalog, so its price is unknown (not $0); the total leaves it out."));
        }

        foreach (var s in plan.Missing)
        {
            var add = s.EnabledBy is { Count: > 0 } variables ? $"set {EnvironmentHint.OneOf(variables)} to add it" : "enable a provider for it in the config";
            ansi.MarkupLine(Markup.Escape($"The {s.Stage} stage cannot run here: no configured provider serves it, so the total leaves it out ({s.Model} priced for comparison); {add}."));
        }

        ansi.MarkupLine(Markup.Escape($"Expected {Money(plan.TotalDollars)}; worst case {Money(plan.WorstCaseDollars)} (every call writing its full output cap: what the budget reserves). A budget of the worst case never stops the run."));
        if (plan.Budget is { } budget)
        {
            ansi.MarkupLine(Markup.Escape(budget.Exceeded
                ? $"Over budget: the estimate {Money(plan.TotalDollars)} exceeds the budget of {Money(budget.Dollars)}; the run would stop early with a partial report (exit 5). Raise --budget or cap frames with --max-frames."
                : budget.WorstCaseFits
                    ? $"Within budget: even the worst case {Money(plan.WorstCaseDollars)} fits the budget of {Money(budget.Dollars)}."
                    : $"Within budget on the estimate {Money(plan.TotalDollars)}, but the worst case {Money(plan.WorstCaseDollars)} is over the budget of {Money(budget.Dollars)}: the run may stop early; --budget {plan.WorstCaseDollars.ToString("0.######", CultureInfo.InvariantCulture)} never stops it."));
        }

        var native = new Table().AddColumns("Native video model", "Resolution", "Tokens", "Calls", "$ (input)");
        foreach (var q in plan.NativeVideoComparison)
        {
            native.AddRow(Markup.Escape(q.Model), $"{q.Resolution} ({q.TokensPerFrame}/frame)", N(q.Tokens), N(q.Calls), q.Dollars.ToString("0.0000", CultureInfo.InvariantCulture));
        }

        ansi.Write(native);
        ansi.MarkupLine("No model was called.");
    }

    private static string Dollars(decimal d) => d.ToString("0.0000", CultureInfo.InvariantCulture);

    // In a sentence, three significant digits: a budget of $0.000001 must not read as $0.0000.
    private static string Money(decimal d) => QuantityText.Dollars((double)d);

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
