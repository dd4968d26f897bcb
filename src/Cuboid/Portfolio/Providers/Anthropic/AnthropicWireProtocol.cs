using System.Text.Json;

namespace Cuboid.Portfolio.Providers.Anthropic;

/// <summary>Anthropic messages: SSE events ending in <c>message_stop</c>; errors as <c>{"type":"error","error":{...}}</c>.</summary>
internal sealed class AnthropicWireProtocol : WireProtocol
{
    public static AnthropicWireProtocol Instance { get; } = new();

    public override string Terminator => "event: message_stop";

    public override bool IsTerminator(ReadOnlySpan<byte> line)
    {
        var trimmed = Trim(line);
        return trimmed.SequenceEqual("event: message_stop"u8) || trimmed.SequenceEqual("event:message_stop"u8);
    }

    // Anthropic sends `event: error` with `data: {"type":"error",...}` when it is overloaded mid-stream.
    public override EmbeddedError? StreamError(ReadOnlySpan<byte> line)
    {
        var trimmed = Trim(line);
        if (!trimmed.StartsWith("data:"u8))
            return null;
        var data = trimmed[5..].TrimStart((byte)' ');
        return data.StartsWith("{\"type\":\"error\""u8) || data.StartsWith("{\"type\": \"error\""u8) ? ErrorIn(data) : null;
    }

    public override string? ErrorMessage(JsonElement root) => CommonErrorMessage(root);

    public override string? MissingAnswer(string path, JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
            return "the body is not a JSON object";
        if (!path.EndsWith("/messages", StringComparison.Ordinal))
            return null;
        return root.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.Array && content.GetArrayLength() > 0
            ? null
            : "the message has no content";
    }
}
