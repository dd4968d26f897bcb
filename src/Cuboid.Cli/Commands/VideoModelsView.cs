using System.Globalization;
using System.Text.Json;
using Cuboid.Generation.Catalog;
using Cuboid.Portfolio;
using Spectre.Console;

namespace Cuboid.Cli.Commands;

/// <summary><c>cuboid models --task t2v|i2v|extend</c>: the video leaderboard (decayed ratings, cheapest price per second, capabilities, usable here).</summary>
internal static class VideoModelsView
{
    public static async Task<int> RenderAsync(CliConsole console, string task, bool json, string? catalogOverlay)
    {
        var catalog = VideoCatalog.Load(catalogOverlay);
        var decay = new RatingDecay();
        using var http = new HttpClient();
        var entries = VideoLeaderboard.Build(catalog, decay, new VideoHostDirectory(catalog, ProcessEnvironment.Instance, http), task);
        if (json)
        {
            await console.Out.WriteLineAsync(JsonSerializer.Serialize(entries, PortfolioJson.Output));
            return ExitCodes.Ok;
        }

        ModelsCommand.Widen(console);
        await console.Out.WriteLineAsync($"{task}:");
        var table = new Table { Border = TableBorder.Simple }.AddColumns("Model", "Rating", "Decayed", "Age (d)", "From $/s", "Routes", "Can", "Usable here");
        foreach (var e in entries)
        {
            table.AddRow(Markup.Escape(e.ModelId), ModelsCommand.Number(e.RawRating, "0"), e.EffectiveRating.ToString("0.0", CultureInfo.InvariantCulture),
                ModelsCommand.Number(e.AgeDays, "0"), ModelsCommand.Price(e.CheapestPerSecond), Markup.Escape(string.Join(", ", e.Routes)),
                Markup.Escape(string.Join(", ", e.Capabilities)), e.Usable ? "yes" : "no: no host key");
        }

        console.Ansi.Write(table);
        await console.Out.WriteLineAsync($"Ratings decay toward the field median with a {decay.HalfLife.TotalDays:0.#}-day half-life; today is {decay.Today:yyyy-MM-dd}.");
        return ExitCodes.Ok;
    }
}
