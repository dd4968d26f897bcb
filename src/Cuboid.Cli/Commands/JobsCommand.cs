using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Cuboid.Cli.Rendering;
using Cuboid.Generation;
using Cuboid.Generation.Jobs;
using Cuboid.Portfolio;

namespace Cuboid.Cli.Commands;

/// <summary><c>cuboid jobs [list|show|wait|cancel|download]</c>: the video jobs in the store, by Cuboid job id.</summary>
public static class JobsCommand
{
    public static Command Create(CliConsole console)
    {
        var catalog = GenerationCliOptions.Catalog();
        var store = GenerationCliOptions.Store();
        var json = new Option<bool>("--json") { Description = "Write JSON" };
        var command = new Command("jobs", "Video jobs in the job store: list, show, wait (resumes after a crash), cancel, download");
        command.Subcommands.Add(List(console, catalog, store, json));
        command.Subcommands.Add(WithId(console, "show", "Show one job", catalog, store, json, async (session, job, parse, _) =>
        {
            await console.Out.WriteLineAsync(parse.GetValue(json) ? VideoJobExport.Json(job) : Describe(job));
            return ExitCodes.Ok;
        }));
        var waitOut = GenerationCliOptions.Out();
        command.Subcommands.Add(WithId(console, "wait", "Wait for a job (resuming polling; a job cut off before the host answered is looked up, never re-sent), then save it", catalog, store, json, async (session, job, parse, ct) =>
        {
            var done = await GenerateProgressRenderer.RunAsync(console, session.Runner, () => session.Runner.WaitAsync(job.Id, ct));
            return await GenerationCliOptions.FinishAsync(console, done, parse.GetValue(waitOut)?.FullName ?? Directory.GetCurrentDirectory(), parse.GetValue(json));
        }, waitOut));
        command.Subcommands.Add(WithId(console, "cancel", "Ask the host to cancel a job", catalog, store, json, async (session, job, parse, ct) =>
        {
            var cancelled = await session.Runner.CancelAsync(job.Id, ct);
            await console.Out.WriteLineAsync(parse.GetValue(json) ? VideoJobExport.Json(cancelled) : $"{job.Id}: cancel requested at {job.Host}");
            return ExitCodes.Ok;
        }));
        var downloadOut = GenerationCliOptions.Out();
        command.Subcommands.Add(WithId(console, "download", "Download a succeeded job's outputs again (never re-creates the job)", catalog, store, json, async (session, job, parse, ct) =>
        {
            var downloaded = await session.Runner.DownloadAsync(job.Id, ct);
            return await GenerationCliOptions.FinishAsync(console, downloaded, parse.GetValue(downloadOut)?.FullName ?? Directory.GetCurrentDirectory(), parse.GetValue(json));
        }, downloadOut));
        return command;
    }

    private static Command List(CliConsole console, Option<FileInfo?> catalog, Option<DirectoryInfo?> store, Option<bool> json)
    {
        var limit = new Option<int>("--limit") { Description = "How many of the newest jobs", DefaultValueFactory = _ => 50 };
        var list = new Command("list", "The newest jobs first") { catalog, store, json, limit };
        list.SetAction(async (ParseResult parse, CancellationToken _) =>
        {
            var jobs = GenerationCliOptions.Session(parse, catalog, store).Runner.Store.List(parse.GetValue(limit));
            if (parse.GetValue(json))
            {
                await console.Out.WriteLineAsync(JsonSerializer.Serialize(jobs, PortfolioJson.Output));
                return ExitCodes.Ok;
            }

            // Fitted to the terminal: ids whole, the host, date and cost left out (and named) before a job id is split.
            var table = new FittedTable(FittedColumn.Id("Job"), FittedColumn.Text("State", 10), FittedColumn.Id("Model"), FittedColumn.Text("Host", 7),
                FittedColumn.Text("Created", 6), FittedColumn.Number("Cost $", 8, "$"));
            foreach (var job in jobs)
            {
                table.AddRow(job.Id, job.State.Word(), job.Model ?? job.HostModel, job.Host,
                    job.CreatedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    (job.ActualCost ?? job.EstimatedCost).ToString("0.####", CultureInfo.InvariantCulture));
            }

            table.Write(console);
            return ExitCodes.Ok;
        });
        return list;
    }

    private static Command WithId(CliConsole console, string name, string description, Option<FileInfo?> catalog, Option<DirectoryInfo?> store, Option<bool> json,
        Func<GenerationSession, VideoJob, ParseResult, CancellationToken, Task<int>> action, params Option[] extra)
    {
        var id = new Argument<string>("id") { Description = "The Cuboid job id (cuboid jobs list)" };
        var command = new Command(name, description) { id, catalog, store, json };
        foreach (var option in extra)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (ParseResult parse, CancellationToken cancellationToken) =>
        {
            var session = GenerationCliOptions.Session(parse, catalog, store);
            var job = session.Runner.Require(parse.GetValue(id)!);
            return await action(session, job, parse, cancellationToken);
        });
        return command;
    }

    private static string Describe(VideoJob job) => string.Join(Environment.NewLine, new[]
    {
        $"job:      {job.Id}",
        $"state:    {job.State.Word()} ({job.RawState ?? "-"})",
        $"model:    {job.Model ?? "-"} via {job.Host}:{job.HostModel}",
        $"host id:  {job.ProviderJobId ?? "-"}",
        string.Create(CultureInfo.InvariantCulture, $"request:  {job.Request.Seconds} s at {job.Request.Size}{(job.Request.Audio ? " with audio" : "")}: {job.Request.Prompt}"),
        string.Create(CultureInfo.InvariantCulture, $"cost:     ${job.ActualCost?.ToString("0.####", CultureInfo.InvariantCulture) ?? "-"} (estimated ${job.EstimatedCost:0.####})"),
        $"attempts: {job.CreateAttempts} create, {job.Polls} polls, {job.DownloadAttempts} downloads",
    }.Concat(job.Outputs.Select(o => string.Create(CultureInfo.InvariantCulture, $"output:   {o.Path} {o.Width}x{o.Height} {o.Seconds:0.##} s sha256 {o.Sha256[..16]}…")))
     .Concat(job.Warnings.Select(w => $"warning:  {w}"))
     .Concat(job.Error is null ? [] : [$"error:    {job.Error}"]));
}
