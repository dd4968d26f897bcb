using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Cuboid.Portfolio;
using Microsoft.Extensions.DependencyInjection;

namespace Cuboid.Cli.Commands;

/// <summary><c>cuboid ask "question"</c>: one call through the router (task <c>chat</c>), to check a configuration.</summary>
public static class AskCommand
{
    public static Command Create(CliConsole console)
    {
        var question = new Argument<string>("question") { Description = "What to ask" };
        var image = new Option<FileInfo?>("--image", "-i") { Description = "An image to send with the question (.png, .jpg, .webp, .gif)" };
        var model = new Option<string?>("--model", "-m") { Description = "Use this model only (provider:model); default: the router's choice" };
        var budget = new Option<decimal?>("--budget") { Description = "Refuse the call if its estimated cost is above this many dollars" };
        var json = new Option<bool>("--json") { Description = "Write the answer, the model and each model tried (the ledger records) as JSON" };
        var config = PortfolioCliOptions.Config();
        var catalog = PortfolioCliOptions.Catalog();
        var command = new Command("ask", "Ask one question through the model router (checks keys, endpoints and fallbacks)")
        {
            question, image, model, budget, json, config, catalog,
        };
        command.SetAction(async (ParseResult parse, CancellationToken cancellationToken) =>
        {
            using var services = PortfolioCliOptions.Services(parse, config, catalog);
            var run = services.GetRequiredService<ModelRouter>().BeginRun(new RunOptions { Budget = parse.GetValue(budget) });
            var verbose = parse.GetValue(GlobalOptions.Verbose);
            if (verbose)
            {
                // The path a call takes, as it happens: the ledger records carry no keys.
                run.Ledger.Recorded += r => console.Error.WriteLine($"cuboid: {r.Describe()}");
            }

            var answer = await run.AskAsync(parse.GetValue(question)!, parse.GetValue(image)?.FullName, parse.GetValue(model), cancellationToken);
            if (parse.GetValue(json))
            {
                await console.Out.WriteLineAsync(JsonSerializer.Serialize(answer, PortfolioJson.Output));
                return ExitCodes.Ok;
            }

            var last = answer.Calls[^1];
            await console.Out.WriteLineAsync(answer.Text);
            await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"-- {answer.ModelId}: {last.InputTokens} tokens in, {last.OutputTokens} out{(last.TokensEstimated ? " (estimated)" : "")}, ${last.Dollars:0.######}, {last.Latency.TotalMilliseconds:0} ms, {(answer.Calls.Count == 1 ? "1 model" : $"{answer.Calls.Count} models")} tried"));
            return ExitCodes.Ok;
        });
        return command;
    }
}
