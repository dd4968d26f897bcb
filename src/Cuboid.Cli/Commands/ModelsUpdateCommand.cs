using System.CommandLine;
using Cuboid.Portfolio;

namespace Cuboid.Cli.Commands;

/// <summary><c>cuboid models update --from FILE|URL</c>: ingest OpenRouter's model list or a ratings snapshot into the user's catalog overlay.</summary>
public static class ModelsUpdateCommand
{
    public static Command Create(CliConsole console)
    {
        var from = new Option<string>("--from") { Description = "OpenRouter model-list JSON, or ratings as CSV/JSON rows (model, task, rating, date[, source]); a file or an http(s) URL", Required = true };
        var catalog = PortfolioCliOptions.Catalog();
        catalog.Description = "Overlay file to write (default: ~/.config/cuboid/catalog.json)";
        var command = new Command("update", "Merge outside model data (prices, context, ratings) into the catalog overlay")
        {
            from, catalog,
        };
        command.SetAction(async (ParseResult parse, CancellationToken cancellationToken) =>
        {
            var overlay = parse.GetValue(catalog)?.FullName ?? ModelRouter.DefaultOverlayPath(ProcessEnvironment.Instance);
            var result = await new CatalogUpdater().UpdateAsync(parse.GetValue(from)!, overlay, cancellationToken);
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
