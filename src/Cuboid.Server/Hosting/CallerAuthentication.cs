using System.Security.Cryptography;
using Cuboid.Server.Gateway;
using Cuboid.Server.Keys;
using Microsoft.Extensions.Options;

namespace Cuboid.Server.Hosting;

/// <summary>
/// Finds the <see cref="Caller"/> of an API request from its bearer token (<c>Authorization: Bearer …</c>, or
/// <c>api-key</c>): the configured admin key, or a virtual key looked up by its SHA-256 (through the
/// <see cref="VerifiedKeyCache"/>). <c>/admin</c> wants the admin key.
/// </summary>
public sealed class CallerAuthentication(RequestDelegate next, IOptions<ServerOptions> options, VerifiedKeyCache keys)
{
    private const string ItemKey = "cuboid.caller";

    // Hashed once: each request then hashes only the key it presents, and that one hash serves both comparisons.
    private readonly byte[]? _adminDigest = options.Value.AdminKey is { Length: > 0 } adminKey ? KeySecrets.Digest(adminKey) : null;

    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        var admin = path.StartsWithSegments("/admin");
        if (admin || path.StartsWithSegments("/v1"))
        {
            var caller = Authenticate(context.Request) ?? throw GatewayException.Unauthorized("a valid API key is required: send 'Authorization: Bearer <key>'");
            if (admin && !caller.IsAdmin)
            {
                throw GatewayException.Forbidden("the admin API needs the admin key");
            }

            context.Items[ItemKey] = caller;
        }

        return next(context);
    }

    /// <summary>The caller of an authenticated request.</summary>
    public static Caller CallerOf(HttpContext context) =>
        context.Items[ItemKey] as Caller ?? throw GatewayException.Unauthorized("a valid API key is required");

    private Caller? Authenticate(HttpRequest request)
    {
        var presented = request.Headers.Authorization.ToString() is { } auth && auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? auth["Bearer ".Length..].Trim()
            : request.Headers["api-key"].ToString();
        if (string.IsNullOrEmpty(presented))
        {
            return null;
        }

        var digest = KeySecrets.Digest(presented);
        if (_adminDigest is not null && CryptographicOperations.FixedTimeEquals(digest, _adminDigest))
        {
            return Caller.Admin;
        }

        return keys.Find(Convert.ToHexStringLower(digest));
    }
}
