using System.CommandLine;
using Cuboid.Generation.Catalog;
using Cuboid.Portfolio;

namespace Cuboid.Cli.Commands;

/// <summary><c>cuboid models update --from FILE|URL</c>: ingest OpenRouter's model list or a ratings snapshot into the user's catalog overlay.</summary>
public static class ModelsUpdateCommand
{
    public static Command Create(CliConsole console)
    {
        var from = new Option<string>("--from") { Description = "OpenRouter model-list JSON (chat: /api/v1/models; video: /api/v1/videos/models), or ratings as CSV/JSON rows (model, task, rating, date[, source]; t2v/i2v/t2i rows update the video catalog), or a video arena board (GenAI-Arena results/YYYYMMDD/video_generation_leaderboard.csv, Artificial Analysis text-to-video/image-to-video JSON); a file or an http(s) URL", Required = true };
        var catalog = PortfolioCliOptions.Catalog();
        catalog.Description = "Overlay file to write (default: ~/.config/cuboid/catalog.json, or ~/.config/cuboid/video.json for video sources)";
        var command = new Command("update", "Merge outside model data (prices, context, ratings) into the catalog overlay")
        {
            from, catalog,
        };
        command.SetAction(async (ParseResult parse, CancellationToken cancellationToken) =>
        {
            var updater = new CatalogUpdater();
            var (text, origin) = await updater.ReadAsync(parse.GetValue(from)!, cancellationToken);
            var chosen = parse.GetValue(catalog)?.FullName;
            var result = VideoCatalogUpdater.Recognises(text, origin)
                ? new VideoCatalogUpdater().Update(text, origin, chosen ?? VideoCatalogUpdater.DefaultOverlayPath(ProcessEnvironment.Instance))
                : updater.Update(text, origin, chosen ?? ModelRouter.DefaultOverlayPath(ProcessEnvironment.Instance));
            await console.Out.WriteLineAsync(
                $"{result.Format}: {result.ModelsAdded} model(s) added, {result.ModelsUpdated} updated, {result.RatingsAdded} rating(s), {result.Skipped} skipped -> {result.OverlayPath}");
            foreach (var warning in result.Warnings)
            {
                await console.Error.WriteLineAsync($"cuboid: warning: {warning}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
