using System.Collections.Concurrent;
using System.Globalization;
using Cuboid.Understanding;
using Spectre.Console;

namespace Cuboid.Cli.Rendering;

/// <summary>
/// Shows an analysis's progress: one Spectre bar per stage (decode, caption n/N, transcribe, synthesize)
/// with the dollars spent so far on a terminal; one plain line per finished stage on stdout otherwise (stderr stays for the one error line).
/// A stage that will not run (offline, no model) shows "skipped (why)" instead of a bar that never moves.
/// </summary>
public static class AnalyzeProgressRenderer
{
    private static readonly string[] Stages = ["decode", "caption", "transcribe", "synthesize"];

    public static async Task<AnalysisOutcome> RunAsync(CliConsole console, bool quiet, Func<Action<AnalysisProgress>, Task<AnalysisOutcome>> run)
    {
        if (quiet)
        {
            return await run(_ => { });
        }

        if (!console.Interactive)
        {
            var printed = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
            return await run(p =>
            {
                if (p.Finished && printed.TryAdd(p.Stage, true))
                {
                    lock (console.Out)
                    {
                        console.Out.WriteLine(Line(p));
                    }
                }
            });
        }

        AnalysisOutcome? outcome = null;
        await console.Ansi.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var tasks = Stages.ToDictionary(s => s, s => context.AddTask(Pad(s), autoStart: false, maxValue: 1), StringComparer.Ordinal);
                outcome = await run(p =>
                {
                    if (!tasks.TryGetValue(p.Stage, out var task))
                    {
                        return;
                    }

                    lock (task)
                    {
                        if (p.Skipped is { } why)
                        {
                            task.Description = Markup.Escape($"{Pad(p.Stage)}skipped ({why})");
                            task.StopTask();
                            return;
                        }

                        task.StartTask();
                        task.MaxValue = Math.Max(p.Total ?? 1, 1e-9);
                        task.Value = Math.Min(p.Done, task.MaxValue);
                        var count = p.Stage is "caption" or "transcribe" && p.Total is { } total ? $" {p.Done:0}/{total:0}" : string.Empty;
                        task.Description = Markup.Escape($"{Pad(p.Stage)}{count}  ${p.DollarsSoFar.ToString("0.0000", CultureInfo.InvariantCulture)}");
                        if (p.Finished)
                        {
                            task.Value = task.MaxValue;
                            task.StopTask();
                        }
                    }
                });
                foreach (var task in tasks.Values)
                {
                    task.StopTask();
                }
            });
        return outcome!;
    }

    private static string Pad(string stage) => stage.PadRight(11);

    private static string Line(AnalysisProgress p) => p.Stage switch
    {
        _ when p.Skipped is { } why => $"{p.Stage}: skipped ({why})",
        "caption" when p.Done == 0 => string.Create(CultureInfo.InvariantCulture, $"caption: {p.Total ?? 0:0} frames sampled, none captioned"),
        "caption" or "transcribe" => string.Create(CultureInfo.InvariantCulture, $"{p.Stage}: {p.Done:0}/{p.Total ?? p.Done:0} done, ${p.DollarsSoFar:0.0000} spent so far"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{p.Stage}: done, ${p.DollarsSoFar:0.0000} spent so far"),
    };
}
