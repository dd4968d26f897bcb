using System.ClientModel.Primitives;
using System.Text.Json;
using Cuboid.Server.Gateway;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;
using ChatResponseFormat = Microsoft.Extensions.AI.ChatResponseFormat;
using AIChatMessage = Microsoft.Extensions.AI.ChatMessage;

namespace Cuboid.Server.OpenAI;

/// <summary>
/// Reads an OpenAI chat request. Messages go through the official OpenAI SDK's own reader and its
/// Microsoft.Extensions.AI conversion (text, image parts as data or URLs, roles), so the wire format is the SDK's,
/// not a copy of it; the few options the gateway honours are read here.
/// </summary>
public static class ChatCompletionReader
{
    public static ChatCompletionRequest Read(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw GatewayException.BadRequest("the body must be a JSON object");
        }

        if (body.TryGetProperty("tools", out var tools) && tools.ValueKind == JsonValueKind.Array && tools.GetArrayLength() > 0)
        {
            throw GatewayException.BadRequest("tools are not supported by this gateway yet", "tools");
        }

        if (!body.TryGetProperty("messages", out var messagesJson) || messagesJson.ValueKind != JsonValueKind.Array || messagesJson.GetArrayLength() == 0)
        {
            throw GatewayException.BadRequest("'messages' must be a non-empty array", "messages");
        }

        var sdkMessages = new List<global::OpenAI.Chat.ChatMessage>();
        var index = 0;
        foreach (var message in messagesJson.EnumerateArray())
        {
            try
            {
                sdkMessages.Add(ModelReaderWriter.Read<global::OpenAI.Chat.ChatMessage>(BinaryData.FromString(message.GetRawText()), ModelReaderWriterOptions.Json, OpenAIContext.Default)
                    ?? throw new FormatException("empty message"));
            }
            catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException or ArgumentException or KeyNotFoundException)
            {
                throw GatewayException.BadRequest($"messages[{index}] is not a chat message: {ex.Message}", $"messages[{index}]");
            }

            index++;
        }

        IList<AIChatMessage> messages = [.. sdkMessages.AsChatMessages()];
        var options = new ChatOptions
        {
            MaxOutputTokens = Int(body, "max_completion_tokens") ?? Int(body, "max_tokens"),
            Temperature = Float(body, "temperature"),
            TopP = Float(body, "top_p"),
            Seed = Int(body, "seed"),
            StopSequences = Stops(body),
            ResponseFormat = Format(body),
        };
        var stream = body.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;
        var includeUsage = body.TryGetProperty("stream_options", out var so) && so.ValueKind == JsonValueKind.Object
            && so.TryGetProperty("include_usage", out var iu) && iu.ValueKind == JsonValueKind.True;
        var model = body.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
        return new ChatCompletionRequest(model, messages, options, stream, includeUsage);
    }

    private static int? Int(JsonElement body, string name) =>
        !body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n >= 0 ? n
        : throw GatewayException.BadRequest($"'{name}' must be a whole number", name);

    private static float? Float(JsonElement body, string name) =>
        !body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.Number ? value.GetSingle()
        : throw GatewayException.BadRequest($"'{name}' must be a number", name);

    private static List<string>? Stops(JsonElement body) =>
        !body.TryGetProperty("stop", out var stop) || stop.ValueKind == JsonValueKind.Null ? null
        : stop.ValueKind == JsonValueKind.String ? [stop.GetString()!]
        : stop.ValueKind == JsonValueKind.Array && stop.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String) ? [.. stop.EnumerateArray().Select(e => e.GetString()!)]
        : throw GatewayException.BadRequest("'stop' must be a string or an array of strings", "stop");

    private static ChatResponseFormat? Format(JsonElement body)
    {
        if (!body.TryGetProperty("response_format", out var format) || format.ValueKind != JsonValueKind.Object
            || !format.TryGetProperty("type", out var type))
        {
            return null;
        }

        return type.GetString() switch
        {
            "text" => ChatResponseFormat.Text,
            "json_object" => ChatResponseFormat.Json,
            "json_schema" when format.TryGetProperty("json_schema", out var schema) && schema.TryGetProperty("schema", out var inner) =>
                ChatResponseFormat.ForJsonSchema(inner.Clone(), schema.TryGetProperty("name", out var name) ? name.GetString() : null),
            _ => throw GatewayException.BadRequest("'response_format.type' must be text, json_object or json_schema (with json_schema.schema)", "response_format"),
        };
    }
}
