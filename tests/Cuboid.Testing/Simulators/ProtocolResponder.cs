using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Cuboid.Testing.Simulators;

/// <summary>One wire protocol: how its requests read, and how its answers and errors look on the wire.</summary>
internal abstract class ProtocolResponder
{
    public abstract SimulatedProtocol Protocol { get; }

    /// <summary>Parses the request; throws <see cref="JsonException"/> or <see cref="FormatException"/> on a bad body.</summary>
    public abstract Task<SimulatedRequest> ParseAsync(HttpContext context, string? presentedKey);

    /// <summary>The key the client presented, in this protocol's header.</summary>
    public virtual string? PresentedKey(HttpRequest request)
    {
        var auth = request.Headers.Authorization.ToString();
        return auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? auth["Bearer ".Length..].Trim() : null;
    }

    /// <summary>Writes an error status in the protocol's error shape.</summary>
    public abstract Task WriteErrorAsync(HttpContext context, int status, FaultKind kind, string message);

    /// <summary>
    /// Writes a 200 answer; <paramref name="kind"/> is <see cref="FaultKind.None"/>, <see cref="FaultKind.StreamCut"/>,
    /// <see cref="FaultKind.MalformedJson"/> or <see cref="FaultKind.EmptyChoices"/>.
    /// </summary>
    public abstract Task WriteAnswerAsync(HttpContext context, SimulatedRequest request, SimulatedReply reply, SimulatedUsage usage, FaultKind kind, string id);

    /// <summary>
    /// The message this protocol's server gives for a fault. On 401 it echoes the presented key, as some
    /// OpenAI-compatible servers do, so tests can prove clients redact it.
    /// </summary>
    public virtual string FaultMessage(FaultKind kind, string? presentedKey, string model) => kind switch
    {
        FaultKind.RateLimited => $"Rate limit reached for {model} on requests per min. Please try again later.",
        FaultKind.ServerError => "The server had an error while processing your request. Sorry about that!",
        FaultKind.Unauthorized => $"Incorrect API key provided: {presentedKey ?? "(none)"}.",
        FaultKind.ContextLengthExceeded => "This model's maximum context length is 8192 tokens. However, your messages resulted in 9000 tokens. Please reduce the length of the messages.",
        _ => "Invalid request.",
    };

    protected static async Task<JsonDocument> ReadJsonAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        context.Items["rawBody"] = body;
        return JsonDocument.Parse(body);
    }

    protected static string? RawBody(HttpContext context) => context.Items["rawBody"] as string;

    protected static Task WriteJsonAsync(HttpContext context, int status, string json, string contentType = "application/json")
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        return context.Response.WriteAsync(json, context.RequestAborted);
    }

    protected static async Task WriteSseAsync(HttpContext context, string? eventName, string data)
    {
        var text = eventName is null ? $"data: {data}\n\n" : $"event: {eventName}\ndata: {data}\n\n";
        await context.Response.WriteAsync(text, context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    /// <summary>For <see cref="FaultKind.StreamStall"/>: goes silent once, after the first delta.</summary>
    protected static async Task StallOnceAsync(HttpContext context, FaultKind kind)
    {
        if (kind == FaultKind.StreamStall && context.Items.Remove("stall", out var pause) && pause is TimeSpan delay)
            await Task.Delay(delay, context.RequestAborted);
    }

    protected static async Task WriteLineAsync(HttpContext context, string line)
    {
        await context.Response.WriteAsync(line + "\n", context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    /// <summary>The reply split into a few word-aligned pieces, so streams carry several deltas.</summary>
    protected static IReadOnlyList<string> Pieces(string text)
    {
        if (text.Length == 0)
            return [""];
        var pieces = new List<string>();
        var words = text.Split(' ');
        var perPiece = Math.Max(1, (words.Length + 2) / 3);
        for (var i = 0; i < words.Length; i += perPiece)
        {
            var piece = string.Join(' ', words.Skip(i).Take(perPiece));
            pieces.Add(i + perPiece < words.Length ? piece + " " : piece);
        }
        return pieces;
    }

    protected static string Json(object value) => JsonSerializer.Serialize(value);

    /// <summary>Decodes a <c>data:</c> URI into its media type and bytes; remote URLs are kept as URLs.</summary>
    protected static SimulatedImage ImageFromUrl(string url)
    {
        if (!url.StartsWith("data:", StringComparison.Ordinal))
            return new SimulatedImage(null, null, url);
        var comma = url.IndexOf(',', StringComparison.Ordinal);
        var header = url[5..comma];
        var mediaType = header.Split(';')[0];
        var data = header.EndsWith(";base64", StringComparison.Ordinal)
            ? Convert.FromBase64String(url[(comma + 1)..])
            : Encoding.UTF8.GetBytes(Uri.UnescapeDataString(url[(comma + 1)..]));
        return new SimulatedImage(mediaType, data, null);
    }
}
