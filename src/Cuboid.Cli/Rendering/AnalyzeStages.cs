using System.Globalization;
using Cuboid.Understanding;

namespace Cuboid.Cli.Rendering;

/// <summary>The stages of an analysis in pipeline order, and how a stage's progress reads in words.</summary>
public static class AnalyzeStages
{
    public static readonly IReadOnlyList<string> Order = ["decode", "caption", "transcribe", "synthesize"];

    /// <summary>"skipped (offline)", "12/17 done (3 near-duplicates skipped), $0.0012", "done, $0.0010".</summary>
    public static string Status(AnalysisProgress p) => p switch
    {
        { Skipped: { } why } => $"skipped ({why})",
        { Stage: "decode" } => p.Finished ? "done" : Invariant($"{p.Done:0}/{p.Total ?? 0:0} s"),
        { Stage: "caption", Finished: true } when p.Done - p.Duplicates <= 0 && p.Total > p.Duplicates =>
            Invariant($"{p.Total:0} frames sampled, none captioned"),
        { Stage: "caption" or "transcribe" } => Invariant($"{Count(p)} done{Duplicates(p)}, {Dollars(p.StageDollars)}"),
        _ => p.Finished ? $"done, {Dollars(p.StageDollars)}" : "running",
    };

    /// <summary>"12/17": done of total, with the total's width fixed by the caller when it pads.</summary>
    public static string Count(AnalysisProgress p) => Invariant($"{p.Done:0}/{p.Total ?? p.Done:0}");

    /// <summary>The shared rule (<see cref="Formatting.DisplayFormat.Dollars(decimal)"/>): "$0", "$0.0135", "$1.24".</summary>
    public static string Dollars(decimal dollars) => Formatting.DisplayFormat.Dollars(dollars);

    private static string Duplicates(AnalysisProgress p) =>
        p.Duplicates > 0 ? Invariant($" ({p.Duplicates} near-duplicate{(p.Duplicates == 1 ? "" : "s")} skipped)") : string.Empty;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
