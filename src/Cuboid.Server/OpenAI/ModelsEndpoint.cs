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
    public static JsonObject Handle(HttpContext context, GatewayModels models, VideoGateway videos, string? task)
    {
        var tasks = models.Tasks.Concat(videos.Tasks).Distinct(StringComparer.Ordinal).ToList();
        if (task is not null && !tasks.Contains(task, StringComparer.Ordinal))
        {
            throw GatewayException.BadRequest($"no model serves task '{task}'; tasks: {string.Join(", ", tasks)}", "task");
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
                    ["name"] = model.Name,
                    ["tasks"] = new JsonArray([.. (model.Tasks ?? []).Select(t => (JsonNode)t)]),
                    ["usable"] = first.Usable,
                    ["status"] = first.Status,
                    ["context_window"] = model.ContextWindow,
                    ["ratings"] = ratings,
                    ["prices"] = Prices(model.Prices),
                },
            });
        }

        VideoModels(data, videos, task is null ? videos.Tasks : videos.Tasks.Contains(task, StringComparer.Ordinal) ? [task] : [], caller);
        return new JsonObject { ["object"] = "list", ["data"] = data };
    }

    /// <summary>The video and image generation models, in the same shape: ratings per task, the cheapest price per second or image, usable when a host of theirs has a key here.</summary>
    private static void VideoModels(JsonArray data, VideoGateway videos, IEnumerable<string> tasks, Keys.Caller caller)
    {
        var entries = tasks.SelectMany(videos.Leaderboard).GroupBy(e => e.ModelId, StringComparer.Ordinal);
        foreach (var group in entries)
        {
            if (caller.Key is { } key && (!key.AllowsModel(group.Key) || !group.Any(e => key.AllowsTask(e.Task))) || videos.FindModel(group.Key) is not { } model)
            {
                continue;
            }

            var ratings = new JsonObject();
            foreach (var entry in group)
            {
                ratings[entry.Task] = new JsonObject { ["rating"] = entry.RawRating, ["effective"] = Math.Round(entry.EffectiveRating, 2), ["age_days"] = entry.AgeDays is { } age ? Math.Round(age, 1) : null };
            }

            var usable = group.Any(e => e.Usable);
            data.Add(new JsonObject
            {
                ["id"] = model.Id,
                ["object"] = "model",
                ["created"] = 0,
                ["owned_by"] = model.Id.Split(':')[0],
                ["cuboid"] = new JsonObject
                {
                    ["name"] = model.Name,
                    ["tasks"] = new JsonArray([.. model.Tasks.Select(t => (JsonNode)t)]),
                    ["usable"] = usable,
                    ["status"] = usable ? string.Empty : $"no video host key is set here (hosts: {string.Join(", ", model.Routes.Select(r => r.Host).Distinct(StringComparer.Ordinal))})",
                    ["context_window"] = null,
                    ["ratings"] = ratings,
                    ["prices"] = new JsonObject
                    {
                        ["per_output_video_second"] = group.Select(e => e.CheapestPerSecond).Min(),
                        ["per_image"] = model.Routes.SelectMany(r => r.ImagePrices).Select(p => p.PerImage).Min(),
                    },
                    ["capabilities"] = new JsonArray([.. group.SelectMany(e => e.Capabilities).Distinct(StringComparer.Ordinal).Select(c => (JsonNode)c)]),
                },
            });
        }
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
