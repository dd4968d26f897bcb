using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cuboid.Server.Gateway;
using Cuboid.Server.Store;
using Cuboid.Webhooks;
using Microsoft.Extensions.Options;

namespace Cuboid.Server.Webhooks;

/// <summary>
/// Video hosts calling back: <c>POST /webhooks/replicate</c> (Standard Webhooks HMAC with Replicate's secret) and
/// <c>POST /webhooks/fal</c> (ED25519 by fal's published keys). Nothing changes before the signature and timestamp are
/// verified (401 otherwise), and even then the body is not believed: the job named is polled at its host now, through
/// the job runner, and that answer decides its state. These routes take no gateway key (the hosts have none).
/// </summary>
public static class ProviderWebhooksEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var hooks = app.MapGroup("/webhooks").WithTags("Provider webhooks");
        hooks.MapPost("/replicate", ReplicateAsync).WithSummary("Replicate prediction webhooks (verified, then the job is polled now)").DisableAntiforgery();
        hooks.MapPost("/fal", FalAsync).WithSummary("fal queue webhooks (verified, then the job is polled now)").DisableAntiforgery();
    }

    private static async Task<JsonObject> ReplicateAsync(HttpContext context, IOptions<WebhookOptions> options, IGatewayStore store, VideoGateway videos, TimeProvider time)
    {
        var body = await ReadAsync(context);
        if (options.Value.ReplicateSecret is not { Length: > 0 } secret)
        {
            throw Refused("this server has no Replicate webhook secret (Webhooks:ReplicateSecret)");
        }

        var text = Encoding.UTF8.GetString(body);
        try
        {
            var headers = context.Request.Headers;
            new StandardWebhook(secret).Verify(text, headers[StandardWebhook.IdHeader], headers[StandardWebhook.TimestampHeader], headers[StandardWebhook.SignatureHeader], time.GetUtcNow(), options.Value.Tolerance);
        }
        catch (WebhookVerificationException ex)
        {
            throw Refused(ex.Message);
        }

        var predictionId = Field(text, "id");
        return Wake(context, store, videos, job => job.ProviderJobId == predictionId, predictionId);
    }

    private static async Task<JsonObject> FalAsync(HttpContext context, FalWebhookVerifier verifier, IGatewayStore store, VideoGateway videos)
    {
        var body = await ReadAsync(context);
        string requestId;
        try
        {
            requestId = await verifier.VerifyAsync(body, context.Request.Headers, context.RequestAborted);
        }
        catch (WebhookVerificationException ex)
        {
            throw Refused(ex.Message);
        }

        // A fal job is kept by the path of its response_url: {owner}/{app}/requests/{request_id}.
        return Wake(context, store, videos, job => job.ProviderJobId?.EndsWith($"/requests/{requestId}", StringComparison.Ordinal) == true, requestId);
    }

    private static JsonObject Wake(HttpContext context, IGatewayStore store, VideoGateway videos, Func<Cuboid.Generation.Jobs.VideoJob, bool> named, string? providerId)
    {
        // Only the jobs still being followed can move; a webhook for anything else changes nothing.
        var job = store.UnsettledVideoJobs().Select(j => videos.Find(j.JobId)).FirstOrDefault(j => j is not null && named(j))
            ?? throw GatewayException.NotFound($"no live video job has the host id '{providerId}'", "video_not_found");
        videos.Wake(job.Id);
        if (!context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Jobs.ScaleOptions>>().Value.InMemory)
        {
            // Followed by steps on the workers: the wake is a poll step queued now.
            context.RequestServices.GetRequiredService<Videos.VideoJobSteps>().Wake(job.Id);
        }
        return new JsonObject { ["received"] = true, ["video"] = job.Id };
    }

    private static async Task<byte[]> ReadAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        return buffer.ToArray();
    }

    private static string? Field(string json, string name)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        }
        catch (JsonException ex)
        {
            throw GatewayException.BadRequest($"the webhook body is not JSON: {ex.Message}");
        }
    }

    private static GatewayException Refused(string reason) => new(401, "invalid_request_error", "invalid_signature", $"webhook refused: {reason}");
}
