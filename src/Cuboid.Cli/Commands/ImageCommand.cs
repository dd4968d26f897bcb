using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Cuboid.Cli.Rendering;
using Cuboid.Formatting;
using Cuboid.Generation;
using Cuboid.Generation.Images;
using Cuboid.Generation.Routing;
using Cuboid.Portfolio;
using Microsoft.Extensions.AI;

namespace Cuboid.Cli.Commands;

/// <summary><c>cuboid image "prompt"</c>: text-to-image (or image-to-image with <c>--image</c>) through the generation portfolio: routed, budgeted, saved.</summary>
public static class ImageCommand
{
    private static readonly string[] Qualities = ["low", "medium", "high"];

    public static Command Create(CliConsole console)
    {
        var prompt = new Argument<string>("prompt") { Description = "What the image should show" };
        var output = new Option<FileInfo>("--out", "-o") { Description = "Where to save the image", DefaultValueFactory = _ => new FileInfo("image.png") };
        var references = new Option<FileInfo[]>("--image") { Description = "Reference image (PNG, JPEG or WebP): image-to-image", AllowMultipleArgumentsPerToken = false };
        var size = new Option<string>("--size") { Description = "WIDTHxHEIGHT", DefaultValueFactory = _ => "1024x1024" };
        var quality = new Option<string?>("--quality") { Description = "low, medium (default) or high, where the model prices by quality" };
        var seed = new Option<long?>("--seed") { Description = "Seed, for routes that take one (others are skipped)" };
        var model = new Option<string?>("--model", "-m") { Description = "A canonical model id (openai:gpt-image-1, bfl:flux-1-dev, ...)" };
        var policy = new Option<string?>("--policy") { Description = "quality (default), cost, balanced or latency" };
        var budget = new Option<decimal?>("--budget") { Description = "Refuse a call whose estimated cost does not fit this many dollars" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show the routes and prices without calling any host" };
        var json = new Option<bool>("--json") { Description = "Write the result (or the plan) as JSON" };
        var catalog = GenerationCliOptions.Catalog();
        var command = new Command("image", "Generate an image through the portfolio: routed, budgeted, saved atomically")
        {
            prompt, output, references, size, quality, seed, model, policy, budget, dryRun, json, catalog,
        };
        command.SetAction(async (ParseResult parse, CancellationToken cancellationToken) =>
        {
            if (parse.GetValue(budget) is < 0)
            {
                throw CuboidException.Usage("--budget must be zero or more dollars");
            }

            if (parse.GetValue(quality) is { } q && !Qualities.Contains(q, StringComparer.Ordinal))
            {
                throw CuboidException.Usage($"--quality '{q}' is not one of {string.Join(", ", Qualities)}");
            }

            var asked = VideoSize.Parse(parse.GetValue(size)!);
            var options = new ImageGenerationOptions
            {
                ModelId = parse.GetValue(model),
                ImageSize = new System.Drawing.Size(asked.Width, asked.Height),
                AdditionalProperties = new() { [PortfolioImageGenerator.PolicyKey] = PortfolioCliOptions.ParsePolicy(parse.GetValue(policy)) ?? RoutingPolicy.Quality },
            };
            if (parse.GetValue(quality) is { } chosen)
            {
                options.AdditionalProperties[PortfolioImageGenerator.QualityKey] = chosen;
            }

            if (parse.GetValue(seed) is { } value)
            {
                options.AdditionalProperties[PortfolioImageGenerator.SeedKey] = value;
            }

            var request = new ImageGenerationRequest(parse.GetValue(prompt)!, [.. (parse.GetValue(references) ?? []).Select(f => (AIContent)FrameImage.Load(f.FullName, CuboidParameters.Image))]);
            using var images = GenerationCliOptions.Images(parse, catalog, parse.GetValue(budget));
            if (parse.GetValue(dryRun))
            {
                return await DryRunAsync(console, images.Plan(request, options, assumeEveryHostConfigured: true), images, parse.GetValue(json));
            }

            var outcome = await images.GenerateRoutedAsync(request, options, cancellationToken);
            foreach (var failed in outcome.FailedRoutes)
            {
                await console.Error.WriteLineAsync($"cuboid: {failed}; fell over to the next route");
            }

            var path = parse.GetValue(output)!.FullName;
            var saved = outcome.Images.Select((image, i) => ImageFile.Save(image, ImageFile.PathFor(path, i, outcome.Images.Count))).ToList();
            if (parse.GetValue(json))
            {
                await console.Out.WriteLineAsync(JsonSerializer.Serialize(new
                {
                    Files = saved.Select((file, i) => new { Path = file, outcome.Images[i].MediaType, Size = outcome.Sizes[i]?.ToString() }),
                    Model = outcome.Route.Model.Id,
                    Route = outcome.Route.Route.Id,
                    outcome.Dollars,
                    Estimated = outcome.Route.EstimatedCost,
                    outcome.FailedRoutes,
                }, PortfolioJson.Output));
                return ExitCodes.Ok;
            }

            for (var i = 0; i < saved.Count; i++)
            {
                await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{saved[i]}: {outcome.Sizes[i]?.ToString() ?? "unknown size"} {outcome.Images[i].MediaType}; {outcome.Route.Model.Id} via {outcome.Route.Route.Id}; {DisplayFormat.Dollars(outcome.Dollars)} (estimated {DisplayFormat.Dollars(outcome.Route.EstimatedCost)})"));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<int> DryRunAsync(CliConsole console, VideoRoutePlan plan, PortfolioImageGenerator images, bool json)
    {
        var rows = plan.Candidates.Select((c, i) => new
        {
            Order = i + 1,
            Model = c.Model.Id,
            Route = c.Route.Id,
            Rating = Math.Round(c.EffectiveRating, 1),
            Dollars = c.EstimatedCost,
            NotConfigured = images.UnusableReason(c.Route.Host),
        }).ToList();
        if (json)
        {
            await console.Out.WriteLineAsync(JsonSerializer.Serialize(new { plan.Request, Candidates = rows, plan.Skipped }, PortfolioJson.Output));
            return ExitCodes.Ok;
        }

        await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{plan.Request.Task}: {plan.Request.Images} image(s) at {plan.Request.Size}, quality {plan.Request.Quality ?? ImagePricing.DefaultQuality}, policy {plan.Request.Policy.ToString().ToLowerInvariant()}"));
        var chosen = rows.FirstOrDefault(r => r.NotConfigured is null);
        foreach (var row in rows)
        {
            var role = row.NotConfigured is not null ? "priced  " : row == chosen ? "chosen  " : "fallback";
            var note = row.NotConfigured is { } why ? $" [not configured: {why}]" : string.Empty;
            WrappedText.WriteLabelled(console, role + " ", string.Create(CultureInfo.InvariantCulture, $"{row.Model} via {row.Route}: {DisplayFormat.Dollars(row.Dollars)} (rating {row.Rating}){note}"));
        }

        foreach (var skip in plan.Skipped)
        {
            WrappedText.WriteLabelled(console, "skipped  ", $"{skip.Model} via {skip.Route}: {skip.Reason}");
        }

        if (chosen is null)
        {
            await console.Out.WriteLineAsync(rows.Count == 0 ? "no route can make this request" : "no route can run here yet: set the key a priced route names to use it");
        }

        return ExitCodes.Ok;
    }
}
