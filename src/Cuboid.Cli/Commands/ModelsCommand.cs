using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Cuboid.Cli.Rendering;
using Cuboid.Portfolio;
using Microsoft.Extensions.DependencyInjection;

namespace Cuboid.Cli.Commands;

/// <summary><c>cuboid models</c>: the leaderboard (raw and decayed ratings, prices, usable here or not), plus <c>route</c> and <c>update</c>.</summary>
public static class ModelsCommand
{
    public static Command Create(CliConsole console)
    {
        var task = new Option<string?>("--task", "-t") { Description = "Only this task (caption, reason, transcribe, chat, video-understanding; t2v, i2v, extend for video generation)" };
        var json = PortfolioCliOptions.Json();
        var config = PortfolioCliOptions.Config();
        var catalog = PortfolioCliOptions.Catalog();
        var command = new Command("models", "The model leaderboard: ratings decayed by age, prices, and whether each model is usable here")
        {
            task, json, config, catalog,
            ModelsRouteCommand.Create(console),
            ModelsUpdateCommand.Create(console),
        };
        command.SetAction(async (ParseResult parse, CancellationToken cancellationToken) =>
        {
            if (parse.GetValue(task) is { } videoTask && Cuboid.Generation.Catalog.VideoLeaderboard.Tasks.Contains(videoTask))
            {
                // Video models live in the video catalog (catalog/video.json); --catalog then names a video overlay.
                return await VideoModelsView.RenderAsync(console, videoTask, parse.GetValue(json), parse.GetValue(catalog)?.FullName);
            }

            using var services = PortfolioCliOptions.Services(parse, config, catalog);
            var router = services.GetRequiredService<ModelRouter>();
            var entries = router.Leaderboard(parse.GetValue(task));
            if (entries.Count == 0)
            {
                throw router.UnknownTask(parse.GetValue(task) ?? "");
            }

            if (parse.GetValue(json))
            {
                await console.Out.WriteLineAsync(JsonSerializer.Serialize(entries, PortfolioJson.Output));
                return ExitCodes.Ok;
            }

            foreach (var group in entries.GroupBy(e => e.Task))
            {
                await console.Out.WriteLineAsync($"{group.Key}:");
                // At 80 columns the id, decayed rating and prices stay on the row; the reason goes beneath it.
                var table = new FittedTable(
                    FittedColumn.Id("Model"), FittedColumn.Number("Rating", 4), FittedColumn.Number("Decayed", 9), FittedColumn.Number("Age (d)", 3, "Age"),
                    FittedColumn.Number("In $/1M", 8, "In $"), FittedColumn.Number("Out $/1M", 7, "Out $"), FittedColumn.Text("Other", 2),
                    FittedColumn.Number("Context", 5), FittedColumn.Reason("Usable here", 10));
                foreach (var e in group)
                {
                    table.AddRow(
                        e.ModelId, Number(e.RawRating, "0.#"), e.EffectiveRating.ToString("0.0", CultureInfo.InvariantCulture),
                        Number(e.AgeDays, "0"), Price(e.Prices?.InputPerMTok), Price(e.Prices?.OutputPerMTok), Other(e.Prices),
                        e.ContextWindow?.ToString("N0", CultureInfo.InvariantCulture) ?? "-", e.Usable ? "yes" : "no: " + e.Status);
                }

                table.Write(console);
                await console.Out.WriteLineAsync();
            }

            WrappedText.WriteLine(console, $"Ratings decay toward the field's {router.Decay.PriorPercentile:0.#}th percentile with a {router.Decay.HalfLife.TotalDays:0.#}-day half-life, never above what was measured; today is {router.Decay.Today:yyyy-MM-dd}.");
            return ExitCodes.Ok;
        });
        return command;
    }

    internal static string Number(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "-";

    internal static string Price(decimal? value) => value is null ? "-" : value.Value.ToString("0.######", CultureInfo.InvariantCulture);

    private static string Other(ModelPrices? prices)
    {
        var parts = new List<string>();
        if (prices?.PerAudioMinute is { } minute)
        {
            parts.Add($"${Price(minute)}/audio min");
        }

        if (prices?.PerImage is { } image)
        {
            parts.Add($"${Price(image)}/image");
        }

        if (prices?.PerOutputVideoSecond is { } video)
        {
            parts.Add($"${Price(video)}/video s");
        }

        if (prices?.VideoInputTokensPerSecond is { } rate)
        {
            parts.Add($"{rate} tok/video s");
        }

        return parts.Count == 0 ? "-" : string.Join(", ", parts);
    }
}
