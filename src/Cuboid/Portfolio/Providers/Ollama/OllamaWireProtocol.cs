using System.Text.Json;

namespace Cuboid.Portfolio.Providers.Ollama;

/// <summary>Ollama's native API: NDJSON lines, the last one with <c>"done": true</c>; errors as <c>{"error":"..."}</c>.</summary>
internal sealed class OllamaWireProtocol : WireProtocol
{
    public static OllamaWireProtocol Instance { get; } = new();

    public override string Terminator => "\"done\": true";

    public override bool IsTerminator(ReadOnlySpan<byte> line) =>
        line.IndexOf("\"done\":true"u8) >= 0 || line.IndexOf("\"done\": true"u8) >= 0;

    public override EmbeddedError? StreamError(ReadOnlySpan<byte> line)
    {
        var trimmed = Trim(line);
        return trimmed.StartsWith("{\"error\""u8) ? ErrorIn(trimmed) : null;
    }

    // OllamaSharp dereferences every line's message; a line without one must fail as a bad response, not a crash.
    public override string? StreamLineProblem(ReadOnlySpan<byte> line) =>
        Trim(line).IsEmpty || line.IndexOf("\"message\""u8) >= 0 ? null : "a streamed line has no message";

    public override string? ErrorMessage(JsonElement root) => CommonErrorMessage(root);

    public override string? MissingAnswer(string path, JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
            return "the body is not a JSON object";
        if (!path.EndsWith("/api/chat", StringComparison.Ordinal))
            return null;
        return root.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object
            ? null
            : "the response has no message";
    }
}
