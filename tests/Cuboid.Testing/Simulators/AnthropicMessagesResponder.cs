using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Cuboid.Testing.Simulators;

/// <summary>Anthropic messages: <c>x-api-key</c>, <c>anthropic-version</c>; plain JSON or SSE ending in <c>message_stop</c>.</summary>
internal sealed class AnthropicMessagesResponder : ProtocolResponder
{
    public override SimulatedProtocol Protocol => SimulatedProtocol.AnthropicMessages;

    // The key travels as x-api-key, or (official SDK 13+) as a Bearer token.
    public override string? PresentedKey(HttpRequest request) =>
        request.Headers.TryGetValue("x-api-key", out var key) ? key.ToString() : base.PresentedKey(request);

    public override string FaultMessage(FaultKind kind, string? presentedKey, string model) => kind switch
    {
        FaultKind.RateLimited => "This request would exceed the rate limit for your organization. Please try again later.",
        FaultKind.ServerError => "Overloaded",
        FaultKind.Unauthorized => $"invalid x-api-key: {presentedKey ?? "(none)"}",
        FaultKind.ContextLengthExceeded => "prompt is too long: 210000 tokens > 200000 maximum",
        _ => base.FaultMessage(kind, presentedKey, model),
    };

    public override async Task<SimulatedRequest> ParseAsync(HttpContext context, string? presentedKey)
    {
        using var doc = await ReadJsonAsync(context);
        var root = doc.RootElement;
        var messages = new List<SimulatedMessage>();
        if (root.TryGetProperty("system", out var system))
            messages.Add(ParseContent("system", system));
        foreach (var message in root.GetProperty("messages").EnumerateArray())
            messages.Add(ParseContent(message.GetProperty("role").GetString() ?? "", message.GetProperty("content")));
        if (!root.TryGetProperty("max_tokens", out _))
            throw new FormatException("max_tokens: Field required");
        return new SimulatedRequest
        {
            Protocol = Protocol,
            Path = context.Request.Path,
            Model = root.GetProperty("model").GetString() ?? "",
            Stream = root.TryGetProperty("stream", out var stream) && stream.ValueKind == JsonValueKind.True,
            Messages = messages,
            ApiKey = presentedKey,
            AnthropicVersion = context.Request.Headers["anthropic-version"].ToString() is { Length: > 0 } v ? v : null,
            RawBody = RawBody(context),
        };
    }

    private static SimulatedMessage ParseContent(string role, JsonElement content)
    {
        if (content.ValueKind == JsonValueKind.String)
            return new SimulatedMessage(role, content.GetString() ?? "", []);
        var texts = new List<string>();
        var images = new List<SimulatedImage>();
        foreach (var block in content.EnumerateArray())
        {
            switch (block.GetProperty("type").GetString())
            {
                case "text":
                    texts.Add(block.GetProperty("text").GetString() ?? "");
                    break;
                case "image":
                    var source = block.GetProperty("source");
                    images.Add(source.GetProperty("type").GetString() == "base64"
                        ? new SimulatedImage(source.GetProperty("media_type").GetString(), Convert.FromBase64String(source.GetProperty("data").GetString() ?? ""), null)
                        : new SimulatedImage(null, null, source.GetProperty("url").GetString()));
                    break;
            }
        }
        return new SimulatedMessage(role, string.Join("\n", texts), images);
    }

    public override Task WriteErrorAsync(HttpContext context, int status, FaultKind kind, string message)
    {
        var type = status switch
        {
            401 => "authentication_error",
            403 => "permission_error",
            404 => "not_found_error",
            429 => "rate_limit_error",
            529 => "overloaded_error",
            >= 500 => "api_error",
            _ => "invalid_request_error",
        };
        return WriteJsonAsync(context, status, Json(new { type = "error", error = new { type, message } }));
    }

    public override async Task WriteAnswerAsync(HttpContext context, SimulatedRequest request, SimulatedReply reply, SimulatedUsage usage, FaultKind kind, string id)
    {
        if (!request.Stream)
        {
            var content = kind == FaultKind.EmptyChoices ? Array.Empty<object>() : [new { type = "text", text = reply.Text }];
            var body = Json(new
            {
                id, type = "message", role = "assistant", model = request.Model, content,
                stop_reason = "end_turn", stop_sequence = (string?)null,
                usage = new { input_tokens = usage.InputTokens, output_tokens = usage.OutputTokens },
            });
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
        await WriteSseAsync(context, "message_start", Json(new
        {
            type = "message_start",
            message = new
            {
                id, type = "message", role = "assistant", model = request.Model, content = Array.Empty<object>(),
                stop_reason = (string?)null, stop_sequence = (string?)null,
                usage = new { input_tokens = usage.InputTokens, output_tokens = 1 },
            },
        }));
        if (kind != FaultKind.EmptyChoices)
        {
            await WriteSseAsync(context, "content_block_start", Json(new { type = "content_block_start", index = 0, content_block = new { type = "text", text = "" } }));
            await WriteSseAsync(context, "ping", Json(new { type = "ping" }));
            if (kind == FaultKind.MalformedJson)
            {
                await WriteSseAsync(context, "content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"cu");
                await WriteSseAsync(context, "message_stop", Json(new { type = "message_stop" }));
                return;
            }
            foreach (var piece in Pieces(reply.Text))
            {
                await WriteSseAsync(context, "content_block_delta", Json(new { type = "content_block_delta", index = 0, delta = new { type = "text_delta", text = piece } }));
                if (kind == FaultKind.StreamCut)
                    return;
                await StallOnceAsync(context, kind);
                if (kind == FaultKind.StreamError)
                {
                    await WriteSseAsync(context, "error", Json(new { type = "error", error = new { type = "overloaded_error", message = "Overloaded" } }));
                    return;
                }
            }
            await WriteSseAsync(context, "content_block_stop", Json(new { type = "content_block_stop", index = 0 }));
        }
        await WriteSseAsync(context, "message_delta", Json(new
        {
            type = "message_delta",
            delta = new { stop_reason = "end_turn", stop_sequence = (string?)null },
            usage = new { output_tokens = usage.OutputTokens },
        }));
        await WriteSseAsync(context, "message_stop", Json(new { type = "message_stop" }));
    }
}
