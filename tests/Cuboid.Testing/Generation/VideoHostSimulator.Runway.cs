using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Cuboid.Testing.Generation;

/// <summary>
/// Runway's task API on the simulator (<c>/runway/v1</c>): creates at <c>image_to_video</c> / <c>text_to_video</c> (which
/// require <c>X-Runway-Version</c>, as Runway does: a 400 without it), <c>GET tasks/{id}</c> moving PENDING → THROTTLED
/// (first poll, when <see cref="PollsToFinish"/> leaves room for RUNNING after it) → RUNNING with <c>progress</c> → SUCCEEDED with <c>output[]</c> URLs on the file port (or FAILED with
/// <c>failure</c> and <c>failureCode</c>, CANCELLED after a cancel), and <c>DELETE tasks/{id}</c> (204).
/// </summary>
public sealed partial class VideoHostSimulator
{
    /// <summary>The <c>X-Runway-Version</c> the simulator accepts.</summary>
    public const string RunwayVersion = "2024-11-06";

    /// <summary>Runway requests that arrived without the version header (refused with 400).</summary>
    public int RunwayUnversionedRequests => Volatile.Read(ref _runwayUnversioned);

    private int _runwayUnversioned;

    // Checked before the create too, so a client that forgets the header never makes a job.
    private bool RunwayVersioned(HttpContext context, string protocol)
    {
        if (protocol != "runway" || context.Request.Headers["X-Runway-Version"].ToString() == RunwayVersion)
        {
            return true;
        }

        Interlocked.Increment(ref _runwayUnversioned);
        return false;
    }

    private async Task RunwayAsync(HttpContext context, string rest, string method)
    {
        var parts = rest.Split('/');
        if (parts is not ["tasks", var id] || Find(id) is not { } job)
        {
            await WriteAsync(context, 404, new JsonObject { ["error"] = "Task not found" });
            return;
        }

        if (method == "DELETE")
        {
            job.CancelRequested = true;
            context.Response.StatusCode = 204;
            return;
        }

        var (phase, progress) = Advance(job);
        var reply = new JsonObject { ["id"] = job.Id, ["createdAt"] = job.CreatedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture) };
        switch (phase)
        {
            case "running" when job.Polls == 1 && PollsToFinish > 2:
                reply["status"] = "THROTTLED";
                break;
            case "running":
                reply["status"] = "RUNNING";
                reply["progress"] = progress;
                break;
            case "succeeded":
                reply["status"] = "SUCCEEDED";
                reply["output"] = new JsonArray(FileUrl(job));
                break;
            case "cancelled":
                reply["status"] = "CANCELLED";
                break;
            default:
                reply["status"] = "FAILED";
                reply["failure"] = "An unexpected error occurred while generating";
                reply["failureCode"] = "INTERNAL";
                break;
        }

        await WriteAsync(context, 200, reply);
    }

    // promptImage is a URI, or a list of {uri, position} where the first frame has position "first".
    private static string? RunwayFirstFrame(JsonElement input) =>
        input.ValueKind != JsonValueKind.Object || !input.TryGetProperty("promptImage", out var image) ? null
        : image.ValueKind == JsonValueKind.String ? image.GetString()
        : image.ValueKind == JsonValueKind.Array ? image.EnumerateArray().Where(i => Str(i, "position") == "first").Select(i => Str(i, "uri")).FirstOrDefault()
        : null;
}
