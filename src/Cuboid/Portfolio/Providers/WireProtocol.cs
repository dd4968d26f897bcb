using System.Text.Json;

namespace Cuboid.Portfolio.Providers;

/// <summary>
/// What one wire protocol looks like on the wire, as far as failures go: its error bodies, the line that
/// ends a stream, errors sent inside a stream, and a successful body that holds no answer.
/// </summary>
internal abstract class WireProtocol
{
    /// <summary>The terminator as people know it, for messages, e.g. <c>data: [DONE]</c>.</summary>
    public abstract string Terminator { get; }

    /// <summary>Whether this line (without its line break) ends the stream.</summary>
    public abstract bool IsTerminator(ReadOnlySpan<byte> line);

    /// <summary>An error the provider sent inside a 200 stream, or null when the line is not one.</summary>
    public abstract EmbeddedError? StreamError(ReadOnlySpan<byte> line);

    /// <summary>Why a streamed line that is neither terminator nor error cannot be used, or null when it is fine.</summary>
    public virtual string? StreamLineProblem(ReadOnlySpan<byte> line) => null;

    /// <summary>The provider's explanation in an error body, or null.</summary>
    public abstract string? ErrorMessage(JsonElement root);

    /// <summary>Why a successful JSON body for <paramref name="path"/> holds no answer, or null when it does.</summary>
    public abstract string? MissingAnswer(string path, JsonElement root);

    /// <summary>The <c>message</c> of an <c>error</c> object or string, the shape most servers use.</summary>
    protected static string? CommonErrorMessage(JsonElement root)
    {
        // Gemini's OpenAI-compatible endpoint wraps its error in a one-element array.
        if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() > 0)
            root = root[0];
        if (root.ValueKind != JsonValueKind.Object)
            return null;
        if (root.TryGetProperty("error", out var error))
        {
            if (error.ValueKind == JsonValueKind.String)
                return error.GetString();
            if (error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
                return message.GetString();
        }
        foreach (var name in (string[])["message", "detail"])
        {
            if (root.TryGetProperty(name, out var text) && text.ValueKind == JsonValueKind.String)
                return text.GetString();
        }
        return null;
    }

    /// <summary>The error in a 200 body that carries one instead of an answer, or null.</summary>
    public EmbeddedError? EmbeddedErrorIn(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out _) && ErrorMessage(root) is { } message
            ? new EmbeddedError(message, EmbeddedStatus(root))
            : null;

    /// <summary>Parses a JSON payload (a stream line's data) into the error it reports.</summary>
    protected EmbeddedError ErrorIn(ReadOnlySpan<byte> json)
    {
        const string Unexplained = "the provider reported an error inside the stream";
        try
        {
            using var doc = JsonDocument.Parse(json.ToArray());
            return new EmbeddedError(ErrorMessage(doc.RootElement) ?? Unexplained, EmbeddedStatus(doc.RootElement));
        }
        catch (JsonException)
        {
            return new EmbeddedError(Unexplained, null);
        }
    }

    /// <summary>
    /// The status an embedded error stands for: a numeric <c>error.code</c> (OpenRouter), or the error type
    /// (Anthropic's <c>overloaded_error</c>, OpenAI's <c>rate_limit_exceeded</c>...).
    /// </summary>
    private static int? EmbeddedStatus(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object)
            return null;
        if (error.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.Number && code.TryGetInt32(out var status) && status is >= 400 and < 600)
            return status;
        var type = error.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()
            : code.ValueKind == JsonValueKind.String ? code.GetString() : null;
        return type switch
        {
            "rate_limit_error" or "rate_limit_exceeded" => 429,
            "overloaded_error" => 529,
            "api_error" or "server_error" => 500,
            "authentication_error" or "invalid_api_key" => 401,
            "permission_error" => 403,
            "invalid_request_error" => 400,
            _ => null,
        };
    }

    protected static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> line) => line.Trim((byte)' ').TrimEnd((byte)'\r');
}
