using System.Text.Json.Nodes;
using Cuboid.Server.Gateway;
using Cuboid.Server.Store;

namespace Cuboid.Server.Keys;

/// <summary>
/// <c>POST /admin/keys</c> (a <see cref="KeySpec"/>; answers the secret once), <c>GET /admin/keys</c> (never a
/// secret or hash), <c>DELETE /admin/keys/{id}</c> (revoke). Admin key only.
/// </summary>
public static class AdminKeysEndpoints
{
    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapPost("/keys", (KeySpec spec, IGatewayStore store, TimeProvider time) =>
        {
            var issued = store.CreateKey(spec, time.GetUtcNow());
            var body = Describe(issued.Key);
            body["key"] = issued.Secret;
            return Results.Json(body, statusCode: StatusCodes.Status201Created);
        }).WithSummary("Issue a virtual key; the secret is in this answer only");
        admin.MapGet("/keys", (IGatewayStore store) => new JsonObject { ["object"] = "list", ["data"] = new JsonArray([.. store.Keys().Select(k => (JsonNode)Describe(k))]) })
            .WithSummary("Every key, without secrets");
        admin.MapDelete("/keys/{id}", (string id, IGatewayStore store, VerifiedKeyCache verified, TimeProvider time) =>
        {
            if (!store.Revoke(id, time.GetUtcNow()))
            {
                throw GatewayException.NotFound($"no key '{id}'");
            }

            verified.Forget(id);
            return Results.Json(Describe(store.Find(id)!));
        })
            .WithSummary("Revoke a key");
    }

    public static JsonObject Describe(VirtualKey key) => new()
    {
        ["id"] = key.Id,
        ["object"] = "key",
        ["name"] = key.Name,
        ["prefix"] = key.Prefix,
        ["budget"] = key.Budget,
        ["period"] = key.Period.ToString().ToLowerInvariant(),
        ["models"] = key.Models is null ? null : new JsonArray([.. key.Models.Select(m => (JsonNode)m)]),
        ["tasks"] = key.Tasks is null ? null : new JsonArray([.. key.Tasks.Select(t => (JsonNode)t)]),
        ["rpm"] = key.Rpm,
        ["created_at"] = key.CreatedAt.ToUnixTimeSeconds(),
        ["revoked_at"] = key.RevokedAt?.ToUnixTimeSeconds(),
    };
}
