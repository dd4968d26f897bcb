using System.Text.Json.Nodes;
using Cuboid.Generation.Images;
using Cuboid.Server.Gateway;
using Cuboid.Server.Hosting;
using Cuboid.Server.Keys;
using Cuboid.Server.OpenAI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace Cuboid.Server.Images;

/// <summary>
/// <c>POST /v1/images/generations</c> in the OpenAI Images shape, routed over the library's image portfolio: the key holds
/// the dearest route's estimate before any host is called and settles what the images delivered cost, exactly like chat
/// and video. <c>response_format=url</c> answers URLs under <c>/v1/images/files/</c>, served only to the key that made them.
/// </summary>
public static class ImagesEndpoint
{
    public const string Task = ImageTasks.TextToImage;

    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapPost("/images/generations", GenerateAsync).WithSummary("Generate images from a prompt, routed over the image portfolio");
        v1.MapGet("/images/files/{name}", File).WithSummary("An image made with response_format=url");
    }

    private static async Task<JsonObject> GenerateAsync(HttpContext context, VideoGateway videos, KeyBudgets budgets, IOptions<ServerOptions> options)
    {
        var cancellationToken = context.RequestAborted;
        var body = await RequestJson.ReadAsync(context.Request, cancellationToken);

        var request = ImagesRequest.Read(body);
        var caller = CallerAuthentication.CallerOf(context);
        if (caller.Key is { } key && !key.AllowsTask(Task))
        {
            throw GatewayException.Forbidden($"this key may not use task '{Task}'", "model");
        }

        var prompt = new ImageGenerationRequest(request.Prompt);
        var planner = videos.ImagesFor(new Portfolio.RunScope());
        var model = request.Model;
        var plan = planner.Plan(prompt, request.Options(model));
        if (caller.Key is { Models: not null } limited)
        {
            model = model is { } pinned
                ? limited.AllowsModel(pinned) ? pinned : throw GatewayException.Forbidden($"this key may not use model '{pinned}'", "model")
                : plan.Candidates.FirstOrDefault(c => limited.AllowsModel(c.Model.Id))?.Model.Id
                    ?? throw GatewayException.Forbidden("none of this key's models can make this image here", "model");
            plan = planner.Plan(prompt, request.Options(model));
        }

        // The hold covers the dearest route the portfolio may fall over to.
        var call = budgets.Reserve(caller, Task, plan.Candidates.Count == 0 ? 0m : plan.Candidates.Max(c => c.EstimatedCost));
        try
        {
            using var images = videos.ImagesFor(call.Run);
            var outcome = await images.GenerateRoutedAsync(prompt, request.Options(model), cancellationToken);
            call.Settle();
            ChatCompletionsEndpoint.WriteCostHeaders(context, outcome.Route.Model.Id, call.Dollars);
            var data = new JsonArray();
            foreach (var image in outcome.Images)
            {
                data.Add(request.AsUrl
                    ? new JsonObject { ["url"] = Save(context, options.Value, caller, image).ToString() }
                    : new JsonObject { ["b64_json"] = Convert.ToBase64String(image.Data.Span) });
            }

            return new JsonObject
            {
                ["created"] = videos.Time.GetUtcNow().ToUnixTimeSeconds(),
                ["data"] = data,
                ["model"] = outcome.Route.Model.Id,
                ["cuboid"] = new JsonObject { ["route"] = outcome.Route.Route.Id, ["cost"] = outcome.Dollars },
            };
        }
        finally
        {
            call.Settle();
        }
    }

    private static IResult File(string name, HttpContext context, IOptions<ServerOptions> options)
    {
        // Names are ours (a GUID and .png); anything else, or another key's image, is simply not there.
        var caller = CallerAuthentication.CallerOf(context);
        var path = Path.Combine(Folder(options.Value, caller), Path.GetFileName(name));
        return Guid.TryParseExact(Path.GetFileNameWithoutExtension(name), "N", out _) && name.EndsWith(".png", StringComparison.Ordinal) && System.IO.File.Exists(path)
            ? Results.File(path, "image/png")
            : throw GatewayException.NotFound($"no image '{name}'", "image_not_found", "name");
    }

    private static Uri Save(HttpContext context, ServerOptions options, Caller caller, DataContent image)
    {
        var name = $"{Guid.CreateVersion7():N}.png";
        ImageFile.Save(image, Path.Combine(Folder(options, caller), name));
        var request = context.Request;
        return new Uri($"{request.Scheme}://{request.Host}{request.PathBase}/v1/images/files/{name}");
    }

    private static string Folder(ServerOptions options, Caller caller) => Path.Combine(options.StoreFolder(), "images", caller.Partition);
}
