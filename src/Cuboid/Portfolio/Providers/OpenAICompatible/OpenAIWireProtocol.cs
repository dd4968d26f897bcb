using System.Text.Json;

namespace Cuboid.Portfolio.Providers.OpenAICompatible;

/// <summary>OpenAI chat completions and transcriptions, and every server that copies them.</summary>
internal sealed class OpenAIWireProtocol : WireProtocol
{
    public static OpenAIWireProtocol Instance { get; } = new();

    public override string Terminator => "data: [DONE]";

    public override bool IsTerminator(ReadOnlySpan<byte> line)
    {
        var trimmed = Trim(line);
        return trimmed.SequenceEqual("data: [DONE]"u8) || trimmed.SequenceEqual("data:[DONE]"u8);
    }

    // OpenRouter and others report a failure after the 200 as `data: {"error": {...}}`.
    public override EmbeddedError? StreamError(ReadOnlySpan<byte> line)
    {
        var trimmed = Trim(line);
        if (!trimmed.StartsWith("data:"u8))
            return null;
        var data = trimmed[5..].TrimStart((byte)' ');
        return data.StartsWith("{\"error\""u8) ? ErrorIn(data) : null;
    }

    public override string? ErrorMessage(JsonElement root) => CommonErrorMessage(root);

    public override string? MissingAnswer(string path, JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
            return "the body is not a JSON object";
        if (path.EndsWith("/chat/completions", StringComparison.Ordinal))
        {
            return root.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array && choices.GetArrayLength() > 0
                ? null
                : "the response has no choices";
        }
        if (path.EndsWith("/audio/transcriptions", StringComparison.Ordinal))
            return root.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String ? null : "the transcription has no text";
        return null;
    }
}
