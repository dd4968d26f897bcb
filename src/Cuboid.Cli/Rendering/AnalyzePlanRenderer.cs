using System.Globalization;
using System.Text.Json;
using Cuboid.Compute;
using Cuboid.Formatting;
using Cuboid.Portfolio;
using Cuboid.Understanding;
using Cuboid.Understanding.Reports;

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

        var reasons = string.Join(", ", plan.SamplesByReason.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Value} {r.Key}"));
        WrappedText.WriteLine(console, string.Create(CultureInfo.InvariantCulture,
            $"{plan.Source}: {Timecode.Clock(plan.Video.DurationSeconds)}; {plan.Kept} frames to caption ({reasons}); {plan.SkippedDuplicates} near-duplicates skipped; {plan.AudioMinutes:0.#} audio minutes"));
        var stages = new FittedTable(
            FittedColumn.Id("Stage"), FittedColumn.Id("Model"), FittedColumn.Number("Calls", 5), FittedColumn.Number("Tokens in", 4, "In"),
            FittedColumn.Number("Tokens out", 3, "Out"), FittedColumn.Number("Audio min", 2, "Audio"), FittedColumn.Number("Est. $", 9));
        foreach (var s in plan.Stages)
        {
            // A mark, not words, so the model id and the price still fit 80 columns.
            var model = s.Model is null ? "(none configured)" : s.Configured ? s.Model : $"{s.Model} {NotConfiguredMark}";
            stages.AddRow(s.Stage, model, N(s.Calls), N(s.InputTokens), N(s.OutputTokens), s.AudioMinutes.ToString("0.#", CultureInfo.InvariantCulture), s.PriceKnown ? Dollars(s.Dollars) : "price unknown");
        }

        stages.AddRow("total", string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, plan.PriceKnown ? Dollars(plan.TotalDollars) : $">= {Dollars(plan.TotalDollars)}");
        stages.Write(console);
        foreach (var s in plan.Stages.Where(s => !s.PriceKnown))
        {
            WrappedText.WriteLine(console, $"{s.Model} is not in the model catalog, so its price is unknown (not $0); the total leaves it out.");
        }

        foreach (var s in plan.Missing)
        {
            var add = s.EnabledBy is { Count: > 0 } variables ? $"set {EnvironmentHint.OneOf(variables)} to add it" : "enable a provider for it in the config";
            WrappedText.WriteLine(console, $"{NotConfiguredMark} The {s.Stage} stage cannot run here: no configured provider serves it, so the total leaves it out ({s.Model} priced for comparison); {add}.");
        }

        WrappedText.WriteLine(console, $"Expected {Money(plan.TotalDollars)}; worst case {Money(plan.WorstCaseDollars)} (every call writing its full output cap: what the budget reserves). A budget of the worst case never stops the run.");
        if (plan.Budget is { } budget)
        {
            WrappedText.WriteLine(console, budget.Exceeded
                ? $"Over budget: the estimate {Money(plan.TotalDollars)} exceeds the budget of {Money(budget.Dollars)}; the run would stop early with a partial report (exit 5). Raise --budget or cap frames with --max-frames."
                : budget.WorstCaseFits
                    ? $"Within budget: even the worst case {Money(plan.WorstCaseDollars)} fits the budget of {Money(budget.Dollars)}."
                    : $"Within budget on the estimate {Money(plan.TotalDollars)}, but the worst case {Money(plan.WorstCaseDollars)} is over the budget of {Money(budget.Dollars)}: the run may stop early; --budget {plan.WorstCaseDollars.ToString("0.######", CultureInfo.InvariantCulture)} never stops it.");
        }

        var native = new FittedTable(
            FittedColumn.Id("Native video model"), FittedColumn.Text("Resolution", 5), FittedColumn.Number("Tokens", 6), FittedColumn.Number("Calls", 4),
            FittedColumn.Number("$ (input)", 9));
        foreach (var q in plan.NativeVideoComparison)
        {
            native.AddRow(q.Model, $"{q.Resolution} ({q.TokensPerFrame}/frame)", N(q.Tokens), N(q.Calls), Dollars(q.Dollars));
        }

        console.Out.WriteLine();
        native.Write(console);
        console.Out.WriteLine("No model was called.");
    }

    private const string NotConfiguredMark = "*";

    private static string Dollars(decimal d) => DisplayFormat.Dollars(d);

    // In a sentence, three significant digits: a budget of $0.000001 must not read as $0.0000.
    private static string Money(decimal d) => QuantityText.Dollars((double)d);

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
