using System.Text.Json.Nodes;
using Cuboid.Server.Gateway;
using Cuboid.Server.Hosting;
using Hangfire;

namespace Cuboid.Server.Jobs;

/// <summary>
/// <c>GET /v1/workers</c> (admin): every worker the shared queue knows (one Hangfire server per process and queue: its
/// process, role, queue, concurrency, heartbeat and the steps it is running now), each queue's length and the step counts.
/// </summary>
public static class WorkersEndpoint
{
    public static void Map(RouteGroupBuilder v1) =>
        v1.MapGet("/workers", Show).WithSummary("Worker processes and queues (admin key)");

    private static JsonObject Show(HttpContext context, JobStorage storage)
    {
        if (!CallerAuthentication.CallerOf(context).IsAdmin)
        {
            throw GatewayException.Forbidden("the worker list needs the admin key");
        }

        var monitor = storage.GetMonitoringApi();
        var statistics = monitor.GetStatistics();
        // Every step running now, to show under the worker that runs it (a queue holds a few hundred at most).
        var running = monitor.ProcessingJobs(0, 1000);
        return new JsonObject
        {
            ["object"] = "list",
            ["data"] = new JsonArray([.. monitor.Servers().Select(server => new JsonObject
            {
                ["name"] = server.Name,
                ["process"] = WorkerServerName.Parse(server.Name).Process,
                ["role"] = WorkerServerName.Parse(server.Name).Role,
                ["queues"] = new JsonArray([.. server.Queues.Select(q => JsonValue.Create(q))]),
                ["workers"] = server.WorkersCount,
                ["started_at"] = new DateTimeOffset(DateTime.SpecifyKind(server.StartedAt, DateTimeKind.Utc)).ToUnixTimeSeconds(),
                ["heartbeat"] = server.Heartbeat is { } beat ? new DateTimeOffset(DateTime.SpecifyKind(beat, DateTimeKind.Utc)).ToUnixTimeSeconds() : null,
                ["current"] = new JsonArray([.. running.Where(r => r.Value?.ServerId == server.Name).Select(r => RunningStep.Describe(r.Key, r.Value))]),
            })]),
            ["queues"] = new JsonArray([.. monitor.Queues().Select(queue => new JsonObject { ["name"] = queue.Name, ["length"] = queue.Length, ["fetched"] = queue.Fetched })]),
            ["steps"] = new JsonObject
            {
                ["enqueued"] = statistics.Enqueued, ["scheduled"] = statistics.Scheduled, ["processing"] = statistics.Processing,
                ["succeeded"] = statistics.Succeeded, ["failed"] = statistics.Failed,
            },
        };
    }
}
