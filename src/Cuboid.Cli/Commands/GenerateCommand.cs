using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Cuboid.Cli.Rendering;
using Cuboid.Formatting;
using Cuboid.Generation;
using Cuboid.Generation.LongForm;
using Cuboid.Generation.Routing;
using Cuboid.Portfolio;

namespace Cuboid.Cli.Commands;

/// <summary><c>cuboid generate "prompt"</c>: route, budget, create, wait, download, check and save one video.</summary>
public static class GenerateCommand
{
    public static Command Create(CliConsole console)
    {
        var prompt = new Argument<string>("prompt") { Description = "What the video should show" };
        var image = new Option<FileInfo?>("--image") { Description = "First frame (PNG, JPEG or WebP): image-to-video" };
        var lastImage = new Option<FileInfo?>("--last-image") { Description = "Last frame, for models that can end on a picture" };
        var seconds = new Option<int>("--seconds") { Description = "Length in seconds", DefaultValueFactory = _ => 8 };
        var size = new Option<string?>("--size") { Description = "Exact size WIDTHxHEIGHT (instead of --resolution and --aspect)" };
        var resolution = new Option<string>("--resolution") { Description = "480p, 720p, 1080p, 4k", DefaultValueFactory = _ => "720p" };
        var aspect = new Option<string>("--aspect") { Description = "Aspect ratio such as 16:9 or 9:16", DefaultValueFactory = _ => "16:9" };
        var audio = new Option<bool>("--audio") { Description = "Ask for a soundtrack" };
        var seed = new Option<long?>("--seed") { Description = "Seed, for routes that take one (others are skipped)" };
        var model = new Option<string?>("--model", "-m") { Description = "A canonical model id (see cuboid models --task t2v)" };
        var policy = new Option<string?>("--policy") { Description = "quality (default), cost, balanced or latency" };
        var budget = new Option<decimal?>("--budget") { Description = "Refuse a job whose estimated cost does not fit this many dollars" };
        var output = GenerationCliOptions.Out();
        var dryRun = new Option<bool>("--dry-run") { Description = "Show the routes, prices and compute without creating anything" };
        var json = new Option<bool>("--json") { Description = "Write the job (or the plan) as JSON" };
        var extend = new Option<string?>("--extend") { Description = "Extend the video of this finished job (its id) with the host's native extension" };
        var noWait = new Option<bool>("--no-wait") { Description = "Print the job id once the host accepted it; fetch it later with cuboid jobs wait" };
        var catalog = GenerationCliOptions.Catalog();
        var store = GenerationCliOptions.Store();
        var longForm = new LongFormCliOptions();
        var command = new Command("generate", "Generate a video through the portfolio: routed, budgeted, kept and checked; longer than a segment, a long video")
        {
            prompt, image, lastImage, seconds, size, resolution, aspect, audio, seed, model, policy, budget, output, dryRun, json, noWait, extend, catalog, store,
        };
        foreach (var option in longForm.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (ParseResult parse, CancellationToken cancellationToken) =>
        {
            if (parse.GetValue(budget) is < 0)
            {
                throw CuboidException.Usage("--budget must be zero or more dollars");
            }

            var request = new GenerateRequest
            {
                Prompt = parse.GetValue(prompt)!,
                FirstFramePath = parse.GetValue(image)?.FullName,
                LastFramePath = parse.GetValue(lastImage)?.FullName,
                Seconds = parse.GetValue(seconds),
                Size = parse.GetValue(size) is { } text ? VideoSize.Parse(text) : null,
                Resolution = parse.GetValue(resolution)!,
                AspectRatio = parse.GetValue(aspect)!,
                Audio = parse.GetValue(audio),
                Seed = parse.GetValue(seed),
                Model = parse.GetValue(model),
                Policy = PortfolioCliOptions.ParsePolicy(parse.GetValue(policy)) ?? RoutingPolicy.Quality,
                ExtendJobId = parse.GetValue(extend),
            };
            if (request.LastFramePath is not null && request.FirstFramePath is null)
            {
                throw CuboidException.Usage("--last-image needs --image (the first frame) too");
            }

            var session = GenerationCliOptions.Session(parse, catalog, store, parse.GetValue(budget));
            if (longForm.IsLongForm(parse, request.Seconds))
            {
                if (request.FirstFramePath is not null || parse.GetValue(noWait) || request.Audio || request.Seed is not null || request.ExtendJobId is not null)
                {
                    throw CuboidException.Usage("a long video takes --anchor instead of --image/--last-image, and no --no-wait, --audio, --seed or --extend");
                }

                return await GenerateLongAsync(console, parse, longForm, session, request, output, dryRun, json, cancellationToken);
            }

            if (parse.GetValue(dryRun))
            {
                return await DryRunAsync(console, session.Plan(request, assumeEveryHostConfigured: true), session.Hosts.UnusableReason, parse.GetValue(json));
            }

            var outcome = await GenerateProgressRenderer.RunAsync(console, session.Runner, () => session.GenerateAsync(request, wait: !parse.GetValue(noWait), cancellationToken));
            foreach (var refused in outcome.RefusedBeforeStart)
            {
                await console.Error.WriteLineAsync($"cuboid: {refused.Host}:{refused.HostModel} refused the create ({refused.Error}); fell over before the job started");
            }

            if (parse.GetValue(noWait) && !outcome.Job.State.IsTerminal())
            {
                await console.Out.WriteLineAsync(parse.GetValue(json) ? Cuboid.Generation.Jobs.VideoJobExport.Json(outcome.Job) : outcome.Job.Id);
                return ExitCodes.Ok;
            }

            return await GenerationCliOptions.FinishAsync(console, outcome.Job, parse.GetValue(output)?.FullName ?? Directory.GetCurrentDirectory(), parse.GetValue(json));
        });
        return command;
    }

    private static async Task<int> GenerateLongAsync(CliConsole console, ParseResult parse, LongFormCliOptions longForm, GenerationSession session,
        GenerateRequest single, Option<DirectoryInfo?> output, Option<bool> dryRun, Option<bool> json, CancellationToken cancellationToken)
    {
        // Keyframes by default where an image model can draw them; chain where none is configured.
        var imageModel = session.Images.Plan(new Microsoft.Extensions.AI.ImageGenerationRequest("a keyframe")).Candidates.Count > 0;
        var request = longForm.Request(parse, single, imageModel);
        var (writer, judge) = longForm.Models(parse, session.Run, out var services);
        using var container = services;
        var longSession = new LongFormSession(session, writer, session.Images) { Judge = judge };
        if (parse.GetValue(dryRun))
        {
            return await LongFormCliOptions.PrintPlanAsync(console, longSession.Plan(request, assumeEveryHostConfigured: true), parse.GetValue(json));
        }

        var folder = parse.GetValue(output)?.FullName ?? Path.Combine(Directory.GetCurrentDirectory(), "long-video");
        var outcome = await GenerateProgressRenderer.RunAsync(console, session.Runner, () => longSession.RunAsync(request, folder, cancellationToken));
        return await LongFormCliOptions.PrintOutcomeAsync(console, outcome, parse.GetValue(json));
    }

    private static async Task<int> DryRunAsync(CliConsole console, VideoRoutePlan plan, Func<string, string?> notConfigured, bool json)
    {
        var rows = plan.Candidates.Select((c, i) => new
        {
            Order = i + 1,
            Model = c.Model.Id,
            Route = c.Route.Id,
            Rating = Math.Round(c.EffectiveRating, 1),
            Dollars = c.EstimatedCost,
            // Priced as if its key were set; null when the route can run here.
            NotConfigured = notConfigured(c.Route.Host),
            Compute = GenerationCompute.Estimate(c.Model.ComputeFamily, plan.Request.Size, plan.Request.Seconds),
        }).ToList();
        if (json)
        {
            await console.Out.WriteLineAsync(JsonSerializer.Serialize(new { plan.Request, Candidates = rows, plan.Skipped }, PortfolioJson.Output));
            return ExitCodes.Ok;
        }

        await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{plan.Request.Task}: {plan.Request.Seconds} s at {plan.Request.Size}{(plan.Request.Audio ? " with audio" : "")}, policy {plan.Request.Policy.ToString().ToLowerInvariant()}"));
        var chosen = rows.FirstOrDefault(r => r.NotConfigured is null);
        foreach (var row in rows)
        {
            var compute = row.Compute is { } c
                ? string.Create(CultureInfo.InvariantCulture, $"; host compute ({c.Family}): {c.Tokens:N0} space-time tokens, {c.Flops:0.##e+0} FLOPs, {c.H100Seconds:0} H100 GPU-seconds")
                : "";
            var role = row.NotConfigured is not null ? "priced  " : row == chosen ? "chosen  " : "fallback";
            var note = row.NotConfigured is { } why ? $" [not configured: {why}]" : string.Empty;
            // Wrapped at the terminal's width under the role column, ids and numbers whole.
            WrappedText.WriteLabelled(console, role + " ", string.Create(CultureInfo.InvariantCulture,
                $"{row.Model} via {row.Route}: {DisplayFormat.Dollars(row.Dollars)} (rating {row.Rating}){note}{compute}"));
        }

        foreach (var skip in plan.Skipped)
        {
            WrappedText.WriteLabelled(console, "skipped  ", $"{skip.Model} via {skip.Route}: {skip.Reason}");
        }

        if (rows.Count == 0)
        {
            await console.Out.WriteLineAsync("no route can make this request");
        }
        else if (chosen is null)
        {
            await console.Out.WriteLineAsync("no route can run here yet: set the key a priced route names to use it");
        }

        return ExitCodes.Ok;
    }
}
