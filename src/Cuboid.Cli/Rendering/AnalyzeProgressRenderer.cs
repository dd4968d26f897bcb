using Cuboid.Understanding;
using Spectre.Console;

namespace Cuboid.Cli.Rendering;

/// <summary>
/// Shows an analysis's progress. On a terminal: one Spectre bar per stage (decode, caption n/N, transcribe,
/// synthesize), each with that stage's own dollars, and a last row with the run's total; labels have a fixed width so
/// bars never shift sideways, and a stage that will not run says "skipped (why)" with no bar. Otherwise one plain line
/// per stage on stdout in the order stages finish (<see cref="AnalyzeProgressLines"/>); stderr stays for the one error line.
/// </summary>
public static class AnalyzeProgressRenderer
{
    private const string TotalRow = "total";

    // "caption" and a count up to "9999/9999", then "  $0.00123" (three significant digits; ten characters hold
    // "$0.0000123" and "$1,234.56"): the label column has the widest label's width, so the
    // bars start in one column from the first frame drawn and never move.
    private const int NameWidth = 12;
    private const int CountWidth = 10;
    private const int DollarsWidth = 10;
    private const int LabelWidth = NameWidth + CountWidth + DollarsWidth;

    // A bar's maximum before its stage reports a total: below any real total, so it never caps one.
    private const double Tiny = 1e-9;

    public static async Task<AnalysisOutcome> RunAsync(CliConsole console, bool quiet, Func<Action<AnalysisProgress>, Task<AnalysisOutcome>> run)
    {
        if (quiet)
        {
            return await run(_ => { });
        }

        if (!console.Interactive)
        {
            var lines = new AnalyzeProgressLines(console.Out);
            var result = await run(lines.Report);
            lines.Complete();
            return result;
        }

        AnalysisOutcome? outcome = null;
        await console.Ansi.Progress()
            .AutoClear(false)
            .Columns(
                new FixedWidthColumn(new TaskDescriptionColumn { Alignment = Justify.Left }, LabelWidth),
                new SkippableColumn(new ProgressBarColumn(), saysWhy: true),
                new SkippableColumn(new PercentageColumn()),
                new SkippableColumn(new SpinnerColumn()))
            .StartAsync(async context =>
            {
                // The rows appear with the run's first report, after its checks: a bad option or --out shows no bars.
                var gate = new Lock();
                Dictionary<string, ProgressTask>? tasks = null;
                var spent = 0m;
                outcome = await run(p =>
                {
                    lock (gate)
                    {
                        tasks ??= AnalyzeStages.Order.Append(TotalRow)
                            .ToDictionary(s => s, s => context.AddTask(Label(s, string.Empty, string.Empty), autoStart: false, maxValue: s == TotalRow ? AnalyzeStages.Order.Count : Tiny), StringComparer.Ordinal);
                        if (!tasks.TryGetValue(p.Stage, out var task))
                        {
                            return;
                        }

                        var total = tasks[TotalRow];
                        Update(task, p);
                        // The run's total, once: the bar counts stages finished or skipped.
                        spent = Math.Max(spent, p.DollarsSoFar);
                        total.StartTask();
                        total.Value = tasks.Where(t => t.Key != TotalRow).Count(t => t.Value.IsFinished || t.Value.Tag is not null);
                        total.Description = Label(TotalRow, string.Empty, AnalyzeStages.Dollars(spent));
                    }
                });
                foreach (var task in tasks?.Values ?? Enumerable.Empty<ProgressTask>())
                {
                    task.StopTask();
                }
            });
        return outcome!;
    }

    private static void Update(ProgressTask task, AnalysisProgress p)
    {
        if (p.Skipped is { } why)
        {
            task.Tag = new SkippedStage(why);
            task.Description = Label(p.Stage, string.Empty, string.Empty);
            task.StopTask();
            return;
        }

        task.StartTask();
        // A total never shrinks while the stage runs (the caption plan only grows), so the count does not jump back.
        task.MaxValue = Math.Max(Math.Max(p.Total ?? 1, Tiny), p.Finished ? 0 : task.MaxValue);
        task.Value = Math.Min(p.Done, task.MaxValue);
        var count = p.Stage is "caption" or "transcribe" && p.Total is not null ? AnalyzeStages.Count(p) : string.Empty;
        task.Description = Label(p.Stage, count, p.Stage == "decode" ? string.Empty : AnalyzeStages.Dollars(p.StageDollars));
        if (p.Finished)
        {
            task.Value = task.MaxValue;
            task.StopTask();
        }
    }

    private static string Label(string stage, string middle, string dollars) =>
        Markup.Escape(stage.PadRight(NameWidth) + middle.PadRight(CountWidth) + dollars.PadLeft(DollarsWidth));
}
