using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Cuboid.Testing.Simulators;

/// <summary>OpenAI chat completions: plain JSON, or SSE chunks ending in <c>data: [DONE]</c>.</summary>
internal sealed class OpenAIChatResponder : ProtocolResponder
{
    private const long Created = 1_763_000_000;

    public override SimulatedProtocol Protocol => SimulatedProtocol.OpenAIChat;

    public override async Task<SimulatedRequest> ParseAsync(HttpContext context, string? presentedKey)
    {
        using var doc = await ReadJsonAsync(context);
        var root = doc.RootElement;
        var messages = new List<SimulatedMessage>();
        if (root.TryGetProperty("messages", out var list))
        {
            foreach (var message in list.EnumerateArray())
                messages.Add(ParseMessage(message));
        }
        return new SimulatedRequest
        {
            Protocol = Protocol,
            Path = context.Request.Path,
            Model = root.GetProperty("model").GetString() ?? "",
            Stream = root.TryGetProperty("stream", out var stream) && stream.ValueKind == JsonValueKind.True,
            IncludeUsage = root.TryGetProperty("stream_options", out var so) && so.ValueKind == JsonValueKind.Object
                && so.TryGetProperty("include_usage", out var iu) && iu.ValueKind == JsonValueKind.True,
            Messages = messages,
            Audio = messages.SelectMany(m => m.Audio).FirstOrDefault()?.Data,
            ResponseFormat = root.TryGetProperty("response_format", out var format) && format.ValueKind == JsonValueKind.Object
                && format.TryGetProperty("type", out var type) ? type.GetString() : null,
            ApiKey = presentedKey,
            RawBody = RawBody(context),
        };
    }

    private static SimulatedMessage ParseMessage(JsonElement message)
    {
        var role = message.GetProperty("role").GetString() ?? "";
        if (!message.TryGetProperty("content", out var content) || content.ValueKind == JsonValueKind.Null)
            return new SimulatedMessage(role, "", []);
        if (content.ValueKind == JsonValueKind.String)
            return new SimulatedMessage(role, content.GetString() ?? "", []);
        var texts = new List<string>();
        var images = new List<SimulatedImage>();
        var audio = new List<SimulatedAudio>();
        foreach (var part in content.EnumerateArray())
        {
            switch (part.GetProperty("type").GetString())
            {
                case "text":
                    texts.Add(part.GetProperty("text").GetString() ?? "");
                    break;
                case "image_url":
                    images.Add(ImageFromUrl(part.GetProperty("image_url").GetProperty("url").GetString() ?? ""));
                    break;
                case "input_audio":
                    // Gemini's OpenAI-compatible endpoint (and OpenAI's audio models): base64 data and its format.
                    var input = part.GetProperty("input_audio");
                    var bytes = Convert.FromBase64String(input.GetProperty("data").GetString() ?? "");
                    audio.Add(new SimulatedAudio(input.GetProperty("format").GetString() ?? "", bytes, SimulatedTranscript.WavSeconds(bytes)));
                    break;
            }
        }
        return new SimulatedMessage(role, string.Join("\n", texts), images) { Audio = audio };
    }

    public override Task WriteErrorAsync(HttpContext context, int status, FaultKind kind, string message)
    {
        var (type, code) = kind switch
        {
            FaultKind.RateLimited => ("requests", "rate_limit_exceeded"),
            FaultKind.ServerError => ("server_error", null),
            FaultKind.Unauthorized => ("invalid_request_error", "invalid_api_key"),
            FaultKind.ContextLengthExceeded => ("invalid_request_error", "context_length_exceeded"),
            _ => ("invalid_request_error", (string?)null),
        };
        return WriteJsonAsync(context, status, Json(new { error = new { message, type, param = (string?)null, code } }));
    }

    public override async Task WriteAnswerAsync(HttpContext context, SimulatedRequest request, SimulatedReply reply, SimulatedUsage usage, FaultKind kind, string id)
    {
        var usageJson = new { prompt_tokens = usage.InputTokens, completion_tokens = usage.OutputTokens, total_tokens = usage.TotalTokens };
        if (!request.Stream)
        {
            var choices = kind == FaultKind.EmptyChoices
                ? Array.Empty<object>()
                : [new { index = 0, message = new { role = "assistant", content = reply.Text }, finish_reason = "stop" }];
            var body = Json(new { id, @object = "chat.completion", created = Created, model = request.Model, choices, usage = usageJson });
            body = kind switch
            {
                FaultKind.StreamCut => body[..(body.Length / 2)],
                FaultKind.MalformedJson => body[..body.IndexOf("\"usage\":", StringComparison.Ordinal)] + "\"usage\":}",
                _ => body,
            };
            await WriteJsonAsync(context, 200, body);
            return;
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/event-stream";
        object Chunk(object delta, string? finish) => new
        {
            id, @object = "chat.completion.chunk", created = Created, model = request.Model,
            choices = new[] { new { index = 0, delta, finish_reason = finish } },
        };
        if (kind != FaultKind.EmptyChoices)
        {
            await WriteSseAsync(context, null, Json(Chunk(new { role = "assistant", content = "" }, null)));
            if (kind == FaultKind.MalformedJson)
            {
                await WriteSseAsync(context, null, "{\"id\":\"" + id + "\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"cut");
                await WriteSseAsync(context, null, "[DONE]");
                return;
            }
            foreach (var piece in Pieces(reply.Text))
            {
                await WriteSseAsync(context, null, Json(Chunk(new { content = piece }, null)));
                if (kind == FaultKind.StreamCut)
                    return;
                await StallOnceAsync(context, kind);
                if (kind == FaultKind.StreamError)
                {
                    await WriteSseAsync(context, null, Json(new { error = new { message = "The server is overloaded.", type = "server_error", code = 502 } }));
                    return;
                }
            }
            await WriteSseAsync(context, null, Json(Chunk(new { }, "stop")));
        }
        if (request.IncludeUsage)
        {
            await WriteSseAsync(context, null, Json(new
            {
                id, @object = "chat.completion.chunk", created = Created, model = request.Model,
                choices = Array.Empty<object>(), usage = usageJson,
            }));
        }
        await WriteSseAsync(context, null, "[DONE]");
    }
}
