using System.Text.Json;

namespace Cuboid.Server.Gateway;

/// <summary>Reads a JSON request body; one that is not JSON is one 400 naming why.</summary>
public static class RequestJson
{
    /// <summary>The body as an element that lives as long as the request needs it (its document is left to the collector).</summary>
    public static async Task<JsonElement> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var document = await ReadDocumentAsync(request, cancellationToken);
        return document.RootElement.Clone();
    }

    /// <summary>
    /// The body as a document the caller disposes once it has read what it needs, which hands the document's pooled
    /// buffers back (an undisposed document drops them, and the pool allocates new ones for the next request).
    /// </summary>
    public static async Task<JsonDocument> ReadDocumentAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException ex)
        {
            throw GatewayException.BadRequest($"the body is not JSON: {ex.Message}");
        }
    }
}
