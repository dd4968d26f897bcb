using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Cuboid.Cli.Rendering;
using Cuboid.Portfolio;
using Microsoft.Extensions.DependencyInjection;
using Cuboid.Understanding;

namespace Cuboid.Cli.Commands;

/// <summary><c>cuboid models route</c>: the order the router would try for a task, and why; calls no model.</summary>
public static class ModelsRouteCommand
{
    public static Command Create(CliConsole console)
    {
        var task = new Option<string>("--task", "-t") { Description = "The task to route: caption, reason, transcribe, chat, video-understanding", Required = true };
        var policy = new Option<string?>("--policy")
        {
            Description = $"How to order models: quality, cost, balanced or latency (default: the config's tasks.<task>.policy, else balanced for caption and transcribe and quality for the rest, as for analyze)",
        };
        var model = new Option<string?>("--model", "-m") { Description = "Pin one model (provider:model)" };
        var images = new Option<bool>("--images") { Description = "Price the request with one image (caption requests always carry one)" };
        var promptTokens = new Option<long?>("--prompt-tokens")
        {
            Description = "Rank for a prompt this long (reason: the video's timeline; 'analyze --dry-run --json' gives stages[].inputTokens)",
        };
        var budget = new Option<decimal?>("--budget") { Description = "Route as if the run had this dollar budget (unpriced models are then skipped)" };
        var json = PortfolioCliOptions.Json();
        var config = PortfolioCliOptions.Config();
        var catalog = PortfolioCliOptions.Catalog();
        var command = new Command("route", "The models the router would try for a task, in order, with estimated prices and the reasons")
        {
            task, policy, model, images, promptTokens, budget, json, config, catalog,
        };
        command.SetAction(async (ParseResult parse, CancellationToken cancellationToken) =>
        {
            using var services = PortfolioCliOptions.Services(parse, config, catalog);
            var router = services.GetRequiredService<ModelRouter>();
            var run = router.BeginRun(new RunOptions { Budget = parse.GetValue(budget) });
            var taskName = parse.GetValue(task)!;
            if (parse.GetValue(promptTokens) is < 1)
            {
                throw CuboidException.Usage("--prompt-tokens must be a positive number of tokens");
            }

            var chosen = PortfolioCliOptions.ParsePolicy(parse.GetValue(policy));
            var constraints = new RouteConstraints { Policy = chosen, PinnedModel = parse.GetValue(model) };

            // The one ranking analyze uses, for the request analyze makes (its output cap included).
            var plan = AnalysisRequests.Route(run, taskName, constraints, parse.GetValue(promptTokens));
            if (parse.GetValue(images) && plan.Estimate.Images == 0 && taskName != ModelTasks.Transcribe)
            {
                plan = run.Plan(taskName, constraints, plan.Estimate with { Images = 1 });
            }

            var estimate = plan.Estimate;
            if (plan.Candidates.Count == 0 && plan.Excluded.Count == 0)
            {
                throw router.UnknownTask(taskName);
            }

            if (parse.GetValue(json))
            {
                await console.Out.WriteLineAsync(JsonSerializer.Serialize(plan, PortfolioJson.Output));
                return ExitCodes.Ok;
            }

            var request = taskName == ModelTasks.Transcribe ? "1 minute of audio" : $"{estimate.TextTokens:N0} tokens in, {estimate.OutputTokens:N0} out{(estimate.Images > 0 ? ", 1 image" : "")}";
            var whence = chosen is not null ? "" : router.Settings.Tasks.GetValueOrDefault(taskName)?.Policy is not null ? ", from the config" : ", the default";
            WrappedText.WriteLine(console, $"Route for '{taskName}' by {plan.Policy.ToString().ToLowerInvariant()}{whence} (priced for {request}):");
            var table = new FittedTable(
                FittedColumn.Number("#", 10), FittedColumn.Id("Model"), FittedColumn.Number("Decayed", 8), FittedColumn.Number("Est. $/call", 9, "$/call"),
                FittedColumn.Number("Context", 5), FittedColumn.Reason("Why", 7));
            foreach (var c in plan.Candidates)
            {
                table.AddRow(c.Rank.ToString(CultureInfo.InvariantCulture), c.ModelId, c.EffectiveRating.ToString("0.0", CultureInfo.InvariantCulture),
                    c.Priced ? ModelsCommand.Price(c.EstimatedCost) : "unpriced", c.ContextWindow?.ToString("N0", CultureInfo.InvariantCulture) ?? "-", c.Why);
            }

            if (plan.Candidates.Count > 0)
            {
                table.Write(console);
            }
            else
            {
                await console.Out.WriteLineAsync("  (no usable model: a call would fail; see below)");
            }

            if (plan.Excluded.Count > 0)
            {
                await console.Out.WriteLineAsync("Not tried:");
                foreach (var e in plan.Excluded)
                {
                    WrappedText.WriteLine(console, $"{e.ModelId}: {e.Reason}", indent: 2, hangingIndent: 4);
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
