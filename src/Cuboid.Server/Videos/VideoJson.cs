using System.Globalization;
using System.Text.Json.Nodes;
using Cuboid.Generation;
using Cuboid.Generation.Jobs;

namespace Cuboid.Server.Videos;

/// <summary>
/// A job in the OpenAI Videos shape: <c>id</c>, <c>object: "video"</c>, <c>model</c>, <c>status</c> (queued,
/// in_progress, completed, failed, cancelled, expired), <c>progress</c> (0-100), <c>created_at</c>, <c>completed_at</c>,
/// <c>seconds</c>, <c>size</c>, <c>error</c>; and a <c>cuboid</c> object with the host, the normalised and raw states and the cost.
/// </summary>
public static class VideoJson
{
    public static JsonObject Describe(VideoJob job) => new()
    {
        ["id"] = job.Id,
        ["object"] = "video",
        ["model"] = job.Model ?? $"{job.Host}:{job.HostModel}",
        ["status"] = Status(job),
        ["progress"] = job.IsSettled && job.State == VideoJobState.Succeeded ? 100 : (int)Math.Round((job.Progress ?? 0) * 100),
        ["created_at"] = job.CreatedAt.ToUnixTimeSeconds(),
        ["completed_at"] = job.IsSettled ? job.FinishedAt?.ToUnixTimeSeconds() : null,
        ["seconds"] = job.Request.Seconds.ToString(CultureInfo.InvariantCulture),
        ["size"] = $"{job.Request.Size.Width}x{job.Request.Size.Height}",
        ["prompt"] = job.Request.Prompt,
        ["error"] = job.Error is { } error && Status(job) is "failed" or "cancelled" or "expired" ? new JsonObject { ["code"] = job.State.Word(), ["message"] = error } : null,
        ["cuboid"] = new JsonObject
        {
            ["host"] = job.Host,
            ["state"] = job.State.Word(),
            ["raw_state"] = job.RawState,
            ["estimated_cost"] = job.EstimatedCost,
            ["actual_cost"] = job.ActualCost,
            ["warnings"] = new JsonArray([.. job.Warnings.Select(w => (JsonNode)w)]),
        },
    };

    /// <summary>
    /// OpenAI's status words. A succeeded job is <c>in_progress</c> until its outputs are downloaded and checked here,
    /// so <c>completed</c> always means the content can be fetched.
    /// </summary>
    public static string Status(VideoJob job) => job.State switch
    {
        VideoJobState.Succeeded => job.IsSettled ? "completed" : "in_progress",
        VideoJobState.Running => "in_progress",
        VideoJobState.Failed or VideoJobState.Aborted or VideoJobState.Unknown => "failed",
        VideoJobState.Cancelled => "cancelled",
        VideoJobState.Expired => "expired",
        _ => "queued",
    };
}
