using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cuboid.Portfolio;
using Microsoft.Extensions.AI;

namespace Cuboid.Server.OpenAI;

/// <summary>
/// The OpenAI chat wire shapes the gateway answers with: <c>chat.completion</c>, <c>chat.completion.chunk</c>, the
/// usage chunk of <c>stream_options.include_usage</c>. <c>model</c> is always the catalog id of the model that answered.
/// Stream chunks are written straight into the response (<see cref="SseWriter"/>), one per upstream update.
/// </summary>
public static class ChatCompletionJson
{
    public static JsonObject Completion(string id, long created, string model, ChatResponse response, UsageRecord? usage)
    {
        var completion = Envelope(id, "chat.completion", created, model, new JsonObject
        {
            ["index"] = 0,
            ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = response.Text },
            ["finish_reason"] = FinishReason(response.FinishReason) ?? "stop",
        });
        completion["usage"] = Usage(usage);
        return completion;
    }

    /// <summary>
    /// Writes a <c>chat.completion.chunk</c> straight to <paramref name="json"/>, no tree in between (one per upstream
    /// update): the same bytes as the <see cref="JsonObject"/> shapes here would give, property for property.
    /// </summary>
    public static void WriteChunk(Utf8JsonWriter json, string id, long created, string model, string? role, string? content, string? finishReason)
    {
        WriteEnvelopeStart(json, id, created, model);
        json.WriteStartArray("choices");
        json.WriteStartObject();
        json.WriteNumber("index", 0);
        json.WriteStartObject("delta");
        if (role is not null)
        {
            json.WriteString("role", role);
        }

        if (content is not null)
        {
            json.WriteString("content", content);
        }

        json.WriteEndObject();
        if (finishReason is null)
        {
            json.WriteNull("finish_reason");
        }
        else
        {
            json.WriteString("finish_reason", finishReason);
        }

        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>
    /// Writes a provider's own <c>chat.completion</c> (a relayed answer) as the gateway's: the gateway's id, object, creation
    /// time and model first, its usage by the call's booked usage (as for every answer), everything else as sent.
    /// </summary>
    public static void WriteRelayedCompletion(Utf8JsonWriter json, JsonElement completion, string id, long created, string model, UsageRecord? usage)
    {
        WriteRelayed(json, completion, "chat.completion", id, created, model);
        WriteUsage(json, usage);
        json.WriteEndObject();
    }

    /// <summary>
    /// Writes a provider's own <c>chat.completion.chunk</c> (a relayed stream) as the gateway's: the gateway's envelope as
    /// above, any usage left out (the gateway sends the call's booked usage in a chunk of its own), everything else as sent.
    /// </summary>
    public static void WriteRelayedChunk(Utf8JsonWriter json, JsonElement chunk, string id, long created, string model)
    {
        WriteRelayed(json, chunk, "chat.completion.chunk", id, created, model);
        json.WriteEndObject();
    }

    private static void WriteRelayed(Utf8JsonWriter json, JsonElement answer, string objectName, string id, long created, string model)
    {
        json.WriteStartObject();
        json.WriteString("id"u8, id);
        json.WriteString("object"u8, objectName);
        json.WriteNumber("created"u8, created);
        json.WriteString("model"u8, model);
        foreach (var property in answer.EnumerateObject())
        {
            if (!(property.NameEquals("id"u8) || property.NameEquals("object"u8) || property.NameEquals("created"u8) || property.NameEquals("model"u8) || property.NameEquals("usage"u8)))
            {
                // Copied as the provider wrote it (a parsed document is valid JSON): walking the tree token by token cost more than the rest of the answer.
                var name = JsonMarshal.GetRawUtf8PropertyName(property);
                if (name.Contains((byte)'\\'))
                {
                    json.WritePropertyName(property.Name);
                }
                else
                {
                    json.WritePropertyName(name);
                }

                json.WriteRawValue(JsonMarshal.GetRawUtf8Value(property.Value), skipInputValidation: true);
            }
        }
    }

    /// <summary>Writes the last chunk of a stream that asked for usage: no choices, the usage of the whole call.</summary>
    public static void WriteUsageChunk(Utf8JsonWriter json, string id, long created, string model, UsageRecord? usage)
    {
        WriteEnvelopeStart(json, id, created, model);
        json.WriteStartArray("choices");
        json.WriteEndArray();
        WriteUsage(json, usage);
        json.WriteEndObject();
    }

    private static void WriteEnvelopeStart(Utf8JsonWriter json, string id, long created, string model)
    {
        json.WriteStartObject();
        json.WriteString("id", id);
        json.WriteString("object", "chat.completion.chunk");
        json.WriteNumber("created", created);
        json.WriteString("model", model);
    }

    public static string? FinishReason(ChatFinishReason? reason) =>
        reason is null ? null
        : reason == ChatFinishReason.Length ? "length"
        : reason == ChatFinishReason.ContentFilter ? "content_filter"
        : reason == ChatFinishReason.ToolCalls ? "tool_calls"
        : "stop";

    public static string Serialize(JsonNode node) => node.ToJsonString(JsonSerializerOptions.Default);

    private static JsonObject Envelope(string id, string objectName, long created, string model, JsonObject choice) => new()
    {
        ["id"] = id,
        ["object"] = objectName,
        ["created"] = created,
        ["model"] = model,
        ["choices"] = new JsonArray(choice),
    };

    private static void WriteUsage(Utf8JsonWriter json, UsageRecord? usage)
    {
        json.WriteStartObject("usage"u8);
        json.WriteNumber("prompt_tokens"u8, usage?.InputTokens ?? 0);
        json.WriteNumber("completion_tokens"u8, usage?.OutputTokens ?? 0);
        json.WriteNumber("total_tokens"u8, (usage?.InputTokens ?? 0) + (usage?.OutputTokens ?? 0));
        json.WriteEndObject();
    }

    private static JsonObject Usage(UsageRecord? usage) => new()
    {
        ["prompt_tokens"] = usage?.InputTokens ?? 0,
        ["completion_tokens"] = usage?.OutputTokens ?? 0,
        ["total_tokens"] = (usage?.InputTokens ?? 0) + (usage?.OutputTokens ?? 0),
    };
}
