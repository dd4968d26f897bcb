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
/// Reads an OpenAI chat request: checks it, reads the few options the gateway honours itself, and reads the messages into
/// Microsoft.Extensions.AI types when a model that needs them may answer.
/// </summary>
public static class ChatCompletionReader
{
    private static readonly string[] Roles = ["system", "developer", "user", "assistant", "tool", "function"];

    /// <summary>
    /// Checks a request and reads what the gateway needs before routing (model, stream, options); the messages are checked
    /// for shape only and read into Microsoft.Extensions.AI types on demand (<see cref="Messages"/>), since a request relayed
    /// to OpenAI-protocol models never needs them.
    /// </summary>
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

        var index = 0;
        foreach (var message in messagesJson.EnumerateArray())
        {
            if (ShapeProblem(message) is { } problem)
            {
                throw GatewayException.BadRequest($"messages[{index}] is not a chat message: {problem}", $"messages[{index}]");
            }

            index++;
        }

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
        return new ChatCompletionRequest(model, body, options, stream, includeUsage);
    }

    /// <summary>
    /// The request's messages read into Microsoft.Extensions.AI types, through the official OpenAI SDK's own reader and
    /// its conversion (text, image parts as data or URLs, roles), so the wire format is the SDK's, not a copy of it.
    /// </summary>
    public static IList<AIChatMessage> Messages(ChatCompletionRequest request)
    {
        var sdkMessages = new List<global::OpenAI.Chat.ChatMessage>();
        var index = 0;
        foreach (var message in request.Body.GetProperty("messages").EnumerateArray())
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

        return [.. sdkMessages.AsChatMessages()];
    }

    /// <summary>What is wrong with a message's shape (an object with a known role and text, parts or no content), or null.</summary>
    private static string? ShapeProblem(JsonElement message)
    {
        if (message.ValueKind != JsonValueKind.Object)
        {
            return "it must be an object";
        }

        if (!message.TryGetProperty("role", out var role) || role.ValueKind != JsonValueKind.String)
        {
            return "'role' must be a string";
        }

        if (!Roles.Any(role.ValueEquals))
        {
            return $"unknown role '{role.GetString()}'";
        }

        if (message.TryGetProperty("content", out var content)
            && content.ValueKind is not (JsonValueKind.String or JsonValueKind.Array or JsonValueKind.Null))
        {
            return "'content' must be a string or an array of parts";
        }

        if (content.ValueKind == JsonValueKind.Array && content.EnumerateArray().Any(part => part.ValueKind != JsonValueKind.Object
            || !part.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String))
        {
            return "each content part must be an object with a 'type'";
        }

        return null;
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
