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
    public abstract string? StreamError(ReadOnlySpan<byte> line);

    /// <summary>Why a streamed line that is neither terminator nor error cannot be used, or null when it is fine.</summary>
    public virtual string? StreamLineProblem(ReadOnlySpan<byte> line) => null;

    /// <summary>The provider's explanation in an error body, or null.</summary>
    public abstract string? ErrorMessage(JsonElement root);

    /// <summary>Why a successful JSON body for <paramref name="path"/> holds no answer, or null when it does.</summary>
    public abstract string? MissingAnswer(string path, JsonElement root);

    /// <summary>The <c>message</c> of an <c>error</c> object or string, the shape most servers use.</summary>
    protected static string? CommonErrorMessage(JsonElement root)
    {
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

    /// <summary>Parses a JSON payload (a stream line's data) and returns its error message, or null.</summary>
    protected string? ErrorIn(ReadOnlySpan<byte> json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json.ToArray());
            return ErrorMessage(doc.RootElement) ?? "the provider reported an error inside the stream";
        }
        catch (JsonException)
        {
            return "the provider reported an error inside the stream";
        }
    }

    protected static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> line) => line.Trim((byte)' ').TrimEnd((byte)'\r');
}
