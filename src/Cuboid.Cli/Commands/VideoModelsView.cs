using System.Globalization;
using System.Text.Json;
using Cuboid.Generation.Catalog;
using Cuboid.Portfolio;
using Cuboid.Cli.Rendering;

namespace Cuboid.Cli.Commands;

/// <summary><c>cuboid models --task t2v|i2v|extend</c>: the video leaderboard (decayed ratings, cheapest price per second, capabilities, usable here).</summary>
internal static class VideoModelsView
{
    public static async Task<int> RenderAsync(CliConsole console, string task, bool json, string? catalogOverlay)
    {
        var catalog = VideoCatalog.Load(catalogOverlay, ProcessEnvironment.Instance);
        var decay = new RatingDecay();
        using var http = new HttpClient();
        var entries = VideoLeaderboard.Build(catalog, decay, new VideoHostDirectory(catalog, ProcessEnvironment.Instance, http), task);
        if (json)
        {
            await console.Out.WriteLineAsync(JsonSerializer.Serialize(entries, PortfolioJson.Output));
            return ExitCodes.Ok;
        }

        await console.Out.WriteLineAsync($"{task}:");
        // At 80 columns the id, decayed rating and price stay on the row; routes and capabilities wrap, the reason goes beneath.
        var table = new FittedTable(
            FittedColumn.Id("Model"), FittedColumn.Number("Rating", 4), FittedColumn.Number("Decayed", 9), FittedColumn.Number("Age (d)", 3, "Age"),
            FittedColumn.Number("From $/s", 8, "$/s"), FittedColumn.Prose("Routes", 6), FittedColumn.Prose("Can", 5), FittedColumn.Reason("Usable here", 10));
        foreach (var e in entries)
        {
            // No public arena figure: the model stands at the field's prior, and the table says so rather than show a number.
            table.AddRow(e.ModelId, e.RawRating is null ? "unrated" : ModelsCommand.Number(e.RawRating, "0"), e.EffectiveRating.ToString("0.0", CultureInfo.InvariantCulture),
                ModelsCommand.Number(e.AgeDays, "0"), ModelsCommand.Price(e.CheapestPerSecond), string.Join(", ", e.Routes),
                string.Join(", ", e.Capabilities), e.Usable ? "yes" : "no: no host key");
        }

        table.Write(console);
        WrappedText.WriteLine(console, $"Ratings decay toward the field's {decay.PriorPercentile:0.#}th percentile with a {decay.HalfLife.TotalDays:0.#}-day half-life, never above what was measured; today is {decay.Today:yyyy-MM-dd}.");
        return ExitCodes.Ok;
    }
}
