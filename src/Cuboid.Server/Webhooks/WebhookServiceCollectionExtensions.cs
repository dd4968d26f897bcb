using System.Text.Json;
using System.Text.Json.Nodes;
using Cuboid.Server.Gateway;
using Cuboid.Server.Store;

namespace Cuboid.Server.Webhooks;

/// <summary>Registers webhooks (outgoing notifications, incoming provider callbacks) and maps their routes.</summary>
public static class WebhookServiceCollectionExtensions
{
    public static IServiceCollection AddGatewayWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<WebhookOptions>(configuration.GetSection(WebhookOptions.Section));
        services.AddSingleton<WebhookSigner>();
        services.AddSingleton<WebhookTargets>();
        services.AddSingleton<FalWebhookVerifier>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());
        return services;
    }

    /// <summary><c>/webhooks/replicate</c>, <c>/webhooks/fal</c>; and for the admin: the signing secret and a key's default notification URL.</summary>
    public static void MapGatewayWebhooks(this WebApplication app, RouteGroupBuilder admin)
    {
        ProviderWebhooksEndpoints.Map(app);
        admin.MapGet("/webhooks/secret", (WebhookSigner signer) => new JsonObject { ["secret"] = signer.Secret })
            .WithSummary("The secret outgoing webhooks are signed with (whsec_...)");
        admin.MapPut("/keys/{id}/webhook", async (string id, HttpContext context, GatewayStore store, WebhookTargets targets) =>
        {
            _ = store.Find(id) ?? throw GatewayException.NotFound($"no key '{id}'", "key_not_found", "id");
            var body = await RequestJson.ReadAsync(context.Request, context.RequestAborted);
            var url = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("url", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;
            var checkedUrl = await targets.CheckAsync(url, context.RequestAborted) ?? throw GatewayException.BadRequest("'url' is required", "url");
            store.SetWebhookTarget(id, checkedUrl);
            return new JsonObject { ["id"] = id, ["webhook_url"] = checkedUrl };
        }).WithSummary("Notify this URL when any of this key's jobs or analyses ends (unless the job names its own)");
        admin.MapDelete("/keys/{id}/webhook", (string id, GatewayStore store) =>
        {
            store.RemoveWebhookTarget(id);
            return new JsonObject { ["id"] = id, ["webhook_url"] = null };
        }).WithSummary("Stop notifying a key's default URL");
    }
}
