using Cuboid.Server.Gateway;

namespace Cuboid.Server.Security;

/// <summary>A user-supplied URL the server will not fetch (<see cref="Blocked"/>: the policy refuses it) or could not fetch within its limits.</summary>
public sealed class OutboundUrlException(string message, bool blocked, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>True when the policy refused the URL (scheme, an internal address); false for a failed fetch (status, size, time).</summary>
    public bool Blocked { get; } = blocked;

    /// <summary>The 400 answer naming why, for the request field <paramref name="param"/>.</summary>
    public GatewayException ToGateway(string param) =>
        new(400, "invalid_request_error", Blocked ? "url_not_allowed" : "url_fetch_failed", Message, param);
}
