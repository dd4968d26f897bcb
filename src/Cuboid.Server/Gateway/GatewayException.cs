namespace Cuboid.Server.Gateway;

/// <summary>
/// A failure of the gateway itself (no key, a key that may not do this, an unknown model, an oversized body),
/// answered as an OpenAI-style error body with <see cref="Status"/>. Library failures stay <see cref="CuboidException"/>s.
/// </summary>
public sealed class GatewayException(int status, string type, string code, string message, string? param = null) : Exception(message)
{
    public int Status { get; } = status;

    public string Type { get; } = type;

    public string Code { get; } = code;

    public string? Param { get; } = param;

    public static GatewayException BadRequest(string message, string? param = null) => new(400, "invalid_request_error", "invalid_request", message, param);

    public static GatewayException Unauthorized(string message) => new(401, "invalid_request_error", "invalid_api_key", message);

    public static GatewayException Forbidden(string message, string? param = null) => new(403, "permission_error", "not_allowed", message, param);

    public static GatewayException NotFound(string message, string code = "not_found", string? param = null) => new(404, "invalid_request_error", code, message, param);

    public static GatewayException TooLarge(long limit) => new(413, "invalid_request_error", "request_too_large", $"the request body is larger than the limit of {limit:N0} bytes");

    public static GatewayException Unavailable(string message) => new(503, "server_error", "no_provider", message);
}
