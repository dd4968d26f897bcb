using System.Text.Json.Nodes;
using Cuboid.Generation;
using Cuboid.Generation.Jobs;
using Cuboid.Server.Gateway;
using Cuboid.Server.Hosting;
using Cuboid.Server.Keys;
using Cuboid.Server.Store;
using Cuboid.Server.Webhooks;
using Microsoft.Extensions.Options;

namespace Cuboid.Server.Videos;

/// <summary>
/// The OpenAI Videos surface over the library's generation: <c>POST /v1/videos</c> routes and starts a job (falling over
/// between hosts only before one starts) and answers at once; <see cref="VideoJobService"/> follows it. <c>GET</c> lists
/// and shows a key's jobs, <c>/content</c> serves the checked MP4, <c>DELETE</c> cancels a live job and removes the file.
/// </summary>
public static class VideosEndpoints
{
    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapPost("/videos", CreateAsync).WithSummary("Start a video job (text or first frame to video)").DisableAntiforgery();
        v1.MapGet("/videos", List).WithSummary("The caller's video jobs, newest first");
        v1.MapGet("/videos/{id}", (string id, HttpContext context, IGatewayStore store, VideoGateway videos) => VideoJson.Describe(Owned(id, context, store, videos)))
            .WithSummary("One video job: status, progress, cost");
        v1.MapGet("/videos/{id}/content", Content).WithSummary("The finished MP4");
        v1.MapDelete("/videos/{id}", DeleteAsync).WithSummary("Cancel a live job and delete the video");
    }

    private static async Task<JsonObject> CreateAsync(HttpContext context, VideoGateway videos, KeyBudgets budgets, IGatewayStore store, VideoJobService follower, IOptions<ServerOptions> options,
        WebhookTargets webhooks, IOptions<Jobs.ScaleOptions> scale)
    {
        var cancellationToken = context.RequestAborted;
        var caller = CallerAuthentication.CallerOf(context);
        var (request, webhookUrl) = await VideoCreateRequest.ReadAsync(context.Request, Path.Combine(options.Value.StoreFolder(), "uploads"), cancellationToken);
        var notify = await webhooks.CheckAsync(webhookUrl, cancellationToken);
        var task = request.FirstFramePath is null ? "t2v" : "i2v";
        if (caller.Key is { } key && !key.AllowsTask(task))
        {
            throw GatewayException.Forbidden($"this key may not use task '{task}'", "model");
        }

        var plan = videos.Plan(request);
        if (caller.Key is { Models: not null } limited)
        {
            request = request.Model is { } pinned
                ? limited.AllowsModel(pinned) ? request : throw GatewayException.Forbidden($"this key may not use model '{pinned}'", "model")
                : request with
                {
                    Model = plan.Candidates.FirstOrDefault(c => limited.AllowsModel(c.Model.Id))?.Model.Id
                        ?? throw GatewayException.Forbidden($"none of this key's models can make this {task} clip here", "model"),
                };
            plan = videos.Plan(request);
        }

        if (plan.Candidates.Count == 0)
        {
            // The library words it: no host configured, or no route can make this clip.
            await videos.SubmitAsync(request, cancellationToken);
        }

        var call = budgets.Reserve(caller, task, plan.Candidates.Max(c => c.EstimatedCost));
        if (!scale.Value.InMemory)
        {
            // A shared queue: the job is recorded and its create queued as a step; the workers follow it (VideoJobSteps).
            var recorded = videos.Record(request);
            store.AddVideoJob(recorded.Id, caller.Key?.Id, videos.Time.GetUtcNow());
            webhooks.Register(recorded.Id, notify);
            await context.RequestServices.GetRequiredService<VideoJobSteps>().StartAsync(recorded.Id, request, call, cancellationToken);
            return VideoJson.Describe(recorded);
        }

        VideoJob job;
        try
        {
            job = await videos.SubmitAsync(request, cancellationToken);
        }
        catch
        {
            call.Settle([]);
            throw;
        }

        store.AddVideoJob(job.Id, caller.Key?.Id, videos.Time.GetUtcNow());
        webhooks.Register(job.Id, notify);
        follower.Follow(job.Id, call);
        return VideoJson.Describe(job);
    }

    private static JsonObject List(HttpContext context, IGatewayStore store, VideoGateway videos, int? limit)
    {
        var caller = CallerAuthentication.CallerOf(context);
        var take = Math.Clamp(limit ?? 20, 1, 100);
        var jobs = store.VideoJobsOf(caller.Key?.Id, take + 1).Select(j => videos.Find(j.JobId)).OfType<VideoJob>().ToList();
        return new JsonObject
        {
            ["object"] = "list",
            ["data"] = new JsonArray([.. jobs.Take(take).Select(j => (JsonNode)VideoJson.Describe(j))]),
            ["has_more"] = jobs.Count > take,
        };
    }

    private static IResult Content(string id, HttpContext context, IGatewayStore store, VideoGateway videos)
    {
        var job = Owned(id, context, store, videos);
        if (VideoJson.Status(job) != "completed" || job.Outputs.Count == 0 || !File.Exists(job.Outputs[0].Path))
        {
            throw GatewayException.BadRequest($"video {id} has no content to download: it is {VideoJson.Status(job)}", "id");
        }

        return Results.File(job.Outputs[0].Path, "video/mp4", enableRangeProcessing: true);
    }

    private static async Task<JsonObject> DeleteAsync(string id, HttpContext context, IGatewayStore store, VideoGateway videos)
    {
        var job = Owned(id, context, store, videos);
        if (job.State.IsLive())
        {
            try
            {
                await videos.CancelAsync(id, context.RequestAborted);
            }
            catch (CuboidException ex) when (ex.Kind == ErrorKind.Usage)
            {
                // The host has no cancel: the job runs to its end there and is billed; it is still hidden here.
            }
        }

        VideoGateway.DeleteOutputs(job);
        store.MarkVideoJobDeleted(id, videos.Time.GetUtcNow());
        return new JsonObject { ["id"] = id, ["object"] = "video.deleted", ["deleted"] = true };
    }

    /// <summary>The job, if the caller may see it: the admin sees every job, a key its own. Anything else is a 404, never a 403 that confirms the id.</summary>
    internal static VideoJob Owned(string id, HttpContext context, IGatewayStore store, VideoGateway videos)
    {
        var caller = CallerAuthentication.CallerOf(context);
        return store.FindVideoJob(id) is { } mine && (caller.IsAdmin || mine.KeyId == caller.Key?.Id) && videos.Find(id) is { } job
            ? job
            : throw GatewayException.NotFound($"no video '{id}'", "video_not_found", "id");
    }
}
