using System.Text.Json;

namespace Cuboid.Server.Gateway;

/// <summary>Reads a JSON request body; one that is not JSON is one 400 naming why.</summary>
public static class RequestJson
{
    public static async Task<JsonElement> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return (await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken)).RootElement;
        }
        catch (JsonException ex)
        {
            throw GatewayException.BadRequest($"the body is not JSON: {ex.Message}");
        }
    }
}
