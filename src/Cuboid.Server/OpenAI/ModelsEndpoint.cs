using System.Text.Json.Nodes;
using Cuboid.Portfolio;
using Cuboid.Server.Gateway;
using Cuboid.Server.Hosting;

namespace Cuboid.Server.OpenAI;

/// <summary>
/// <c>GET /v1/models[?task=]</c>: the catalog in OpenAI's list shape (<c>id</c>, <c>object</c>, <c>created</c>,
/// <c>owned_by</c>), each model with a <c>cuboid</c> object: its tasks with raw and decayed ratings, prices, context
/// window, and whether it is usable on this server (and why not). A key limited to some models sees only those.
/// </summary>
public static class ModelsEndpoint
{
    public static JsonObject Handle(HttpContext context, GatewayModels models, string? task)
    {
        if (task is not null && !models.Tasks.Contains(task, StringComparer.Ordinal))
        {
            throw GatewayException.BadRequest($"no model serves task '{task}'; tasks: {string.Join(", ", models.Tasks)}", "task");
        }

        var caller = CallerAuthentication.CallerOf(context);
        var data = new JsonArray();
        foreach (var group in models.Leaderboard(task).GroupBy(e => e.ModelId, StringComparer.Ordinal))
        {
            if (caller.Key is { } key && (!key.AllowsModel(group.Key) || !group.Any(e => key.AllowsTask(e.Task))))
            {
                continue;
            }

            var model = models.Catalog.FindModel(group.Key)!;
            var first = group.First();
            var ratings = new JsonObject();
            foreach (var entry in group)
            {
                ratings[entry.Task] = new JsonObject { ["rating"] = entry.RawRating, ["effective"] = Math.Round(entry.EffectiveRating, 2), ["age_days"] = entry.AgeDays is { } age ? Math.Round(age, 1) : null };
            }

            data.Add(new JsonObject
            {
                ["id"] = model.Id,
                ["object"] = "model",
                ["created"] = model.Released is { } released ? new DateTimeOffset(released.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeSeconds() : 0,
                ["owned_by"] = model.Provider,
                ["cuboid"] = new JsonObject
                {
                    ["tasks"] = new JsonArray([.. (model.Tasks ?? []).Select(t => (JsonNode)t)]),
                    ["usable"] = first.Usable,
                    ["status"] = first.Status,
                    ["context_window"] = model.ContextWindow,
                    ["ratings"] = ratings,
                    ["prices"] = Prices(model.Prices),
                },
            });
        }

        return new JsonObject { ["object"] = "list", ["data"] = data };
    }

    private static JsonObject? Prices(ModelPrices? prices) => prices is null ? null : new JsonObject
    {
        ["input_per_mtok"] = prices.InputPerMTok,
        ["output_per_mtok"] = prices.OutputPerMTok,
        ["per_audio_minute"] = prices.PerAudioMinute,
        ["per_image"] = prices.PerImage,
        ["per_output_video_second"] = prices.PerOutputVideoSecond,
    };
}
