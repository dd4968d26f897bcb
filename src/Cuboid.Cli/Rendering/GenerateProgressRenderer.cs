using System.Globalization;
using Cuboid.Generation;
using Cuboid.Generation.Jobs;
using Spectre.Console;

namespace Cuboid.Cli.Rendering;

/// <summary>
/// Shows the video jobs of <c>generate</c> and <c>jobs wait</c> as they move. On a terminal: one Spectre bar per job
/// (its id and route, state, progress, elapsed time), redrawn in place with the same columns as analyze's bars; otherwise
/// one plain line on stderr per change of state or progress, <c>cuboid: job ID host:model running 50% (12.3 s)</c>.
/// </summary>
public static class GenerateProgressRenderer
{
    // "fal.019a…" ids are 36 characters; the route and state after them are cut to keep the bars in one column.
    private const int LabelWidth = 72;

    public static async Task<T> RunAsync<T>(CliConsole console, VideoJobRunner runner, Func<Task<T>> run)
    {
        // Bars only where Spectre can redraw them (a real terminal); anywhere else the plain lines say the same.
        if (!console.Interactive || !console.Ansi.Profile.Capabilities.Interactive)
        {
            var lines = Lines(console);
            runner.Changed += lines;
            try
            {
                return await run();
            }
            finally
            {
                runner.Changed -= lines;
            }
        }

        T result = default!;
        await console.Ansi.Progress()
            .AutoClear(false)
            .Columns(
                new FixedWidthColumn(new TaskDescriptionColumn { Alignment = Justify.Left }, LabelWidth),
                new ProgressBarColumn(),
                new PercentageColumn(),
                new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var gate = new Lock();
                var rows = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
                void Show(VideoJob job)
                {
                    lock (gate)
                    {
                        if (!rows.TryGetValue(job.Id, out var row))
                        {
                            rows[job.Id] = row = context.AddTask(Label(job), maxValue: 100);
                        }

                        row.Description = Label(job);
                        row.Value = job.State == VideoJobState.Succeeded ? 100 : Math.Max(row.Value, (job.Progress ?? 0) * 100);
                        if (job.State.IsTerminal())
                        {
                            row.StopTask();
                        }
                    }
                }

                runner.Changed += Show;
                try
                {
                    result = await run();
                }
                finally
                {
                    runner.Changed -= Show;
                    lock (gate)
                    {
                        foreach (var row in rows.Values)
                        {
                            row.StopTask();
                        }
                    }
                }
            });
        return result;
    }

    /// <summary>The plain reporter: one stderr line per job whenever its state or whole percent changes.</summary>
    public static Action<VideoJob> Lines(CliConsole console)
    {
        var last = new Dictionary<string, string>(StringComparer.Ordinal);
        return job =>
        {
            var line = $"{job.State.Word()}{Percent(job)}";
            lock (last)
            {
                if (last.GetValueOrDefault(job.Id) == line)
                {
                    return;
                }

                last[job.Id] = line;
            }

            var elapsed = (job.UpdatedAt - job.CreatedAt).TotalSeconds;
            console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cuboid: job {job.Id} {job.Host}:{job.HostModel} {line} ({elapsed:0.0} s)"));
        };
    }

    private static string Percent(VideoJob job) =>
        job.Progress is { } p && job.State == VideoJobState.Running ? string.Create(CultureInfo.InvariantCulture, $" {p * 100:0}%") : "";

    private static string Label(VideoJob job)
    {
        var text = $"{job.Id} {job.Host}:{job.HostModel} {job.State.Word()}";
        // Cut the route, never the id or the state.
        if (text.Length > LabelWidth)
        {
            var route = $"{job.Host}:{job.HostModel}";
            var keep = Math.Max(8, route.Length - (text.Length - LabelWidth) - 1);
            text = $"{job.Id} {route[..keep]}… {job.State.Word()}";
        }

        return Markup.Escape(text);
    }
}
