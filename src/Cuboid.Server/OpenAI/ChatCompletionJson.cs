using System.Text.Json;
using System.Text.Json.Nodes;
using Cuboid.Portfolio;
using Microsoft.Extensions.AI;

namespace Cuboid.Server.OpenAI;

/// <summary>
/// The OpenAI chat wire shapes the gateway answers with: <c>chat.completion</c>, <c>chat.completion.chunk</c>, the
/// usage chunk of <c>stream_options.include_usage</c>. <c>model</c> is always the catalog id of the model that answered.
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

    public static JsonObject Chunk(string id, long created, string model, string? role, string? content, string? finishReason) =>
        Envelope(id, "chat.completion.chunk", created, model, new JsonObject
        {
            ["index"] = 0,
            ["delta"] = Delta(role, content),
            ["finish_reason"] = finishReason,
        });

    /// <summary>The last chunk of a stream that asked for usage: no choices, the usage of the whole call.</summary>
    public static JsonObject UsageChunk(string id, long created, string model, UsageRecord? usage)
    {
        var chunk = Envelope(id, "chat.completion.chunk", created, model, choice: null);
        chunk["usage"] = Usage(usage);
        return chunk;
    }

    public static string? FinishReason(ChatFinishReason? reason) =>
        reason is null ? null
        : reason == ChatFinishReason.Length ? "length"
        : reason == ChatFinishReason.ContentFilter ? "content_filter"
        : reason == ChatFinishReason.ToolCalls ? "tool_calls"
        : "stop";

    public static string Serialize(JsonNode node) => node.ToJsonString(JsonSerializerOptions.Default);

    private static JsonObject Envelope(string id, string objectName, long created, string model, JsonObject? choice) => new()
    {
        ["id"] = id,
        ["object"] = objectName,
        ["created"] = created,
        ["model"] = model,
        ["choices"] = choice is null ? new JsonArray() : new JsonArray(choice),
    };

    private static JsonObject Delta(string? role, string? content)
    {
        var delta = new JsonObject();
        if (role is not null)
        {
            delta["role"] = role;
        }

        if (content is not null)
        {
            delta["content"] = content;
        }

        return delta;
    }

    private static JsonObject Usage(UsageRecord? usage) => new()
    {
        ["prompt_tokens"] = usage?.InputTokens ?? 0,
        ["completion_tokens"] = usage?.OutputTokens ?? 0,
        ["total_tokens"] = (usage?.InputTokens ?? 0) + (usage?.OutputTokens ?? 0),
    };
}
