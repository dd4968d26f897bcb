using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Cuboid.Testing.Simulators;

/// <summary>Ollama native chat: <c>POST /api/chat</c>, streaming by default as NDJSON ending in <c>"done": true</c>.</summary>
internal sealed class OllamaChatResponder : ProtocolResponder
{
    private const string CreatedAt = "2025-11-25T03:00:00.000000Z";

    public override SimulatedProtocol Protocol => SimulatedProtocol.OllamaChat;

    public override string FaultMessage(FaultKind kind, string? presentedKey, string model) => kind switch
    {
        FaultKind.ContextLengthExceeded => "the input length exceeds the context length",
        FaultKind.ServerError => "llama runner process has terminated: exit status 2",
        FaultKind.Unauthorized => $"unauthorized: {presentedKey ?? "(none)"}",
        _ => base.FaultMessage(kind, presentedKey, model),
    };

    public override async Task<SimulatedRequest> ParseAsync(HttpContext context, string? presentedKey)
    {
        using var doc = await ReadJsonAsync(context);
        var root = doc.RootElement;
        var messages = new List<SimulatedMessage>();
        foreach (var message in root.GetProperty("messages").EnumerateArray())
        {
            var images = new List<SimulatedImage>();
            if (message.TryGetProperty("images", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var image in list.EnumerateArray())
                    images.Add(new SimulatedImage(null, Convert.FromBase64String(image.GetString() ?? ""), null));
            }
            messages.Add(new SimulatedMessage(
                message.GetProperty("role").GetString() ?? "",
                message.TryGetProperty("content", out var content) ? content.GetString() ?? "" : "",
                images));
        }
        return new SimulatedRequest
        {
            Protocol = Protocol,
            Path = context.Request.Path,
            Model = root.GetProperty("model").GetString() ?? "",
            // Ollama streams unless told not to.
            Stream = !root.TryGetProperty("stream", out var stream) || stream.ValueKind != JsonValueKind.False,
            Messages = messages,
            ApiKey = presentedKey,
            RawBody = RawBody(context),
        };
    }

    public override Task WriteErrorAsync(HttpContext context, int status, FaultKind kind, string message) =>
        WriteJsonAsync(context, status, Json(new { error = message }));

    public override async Task WriteAnswerAsync(HttpContext context, SimulatedRequest request, SimulatedReply reply, SimulatedUsage usage, FaultKind kind, string id)
    {
        string Final(string content) => Json(new
        {
            model = request.Model, created_at = CreatedAt,
            message = new { role = "assistant", content },
            done_reason = "stop", done = true,
            total_duration = 5_000_000, load_duration = 1_000_000,
            prompt_eval_count = usage.InputTokens, prompt_eval_duration = 1_000_000,
            eval_count = usage.OutputTokens, eval_duration = 3_000_000,
        });

        if (!request.Stream)
        {
            var body = kind == FaultKind.EmptyChoices
                ? Json(new { model = request.Model, created_at = CreatedAt, done = true })
                : Final(reply.Text);
            body = kind switch
            {
                FaultKind.StreamCut => body[..(body.Length / 2)],
                FaultKind.MalformedJson => body[..body.IndexOf("\"done_reason\":", StringComparison.Ordinal)] + "\"done_reason\":}",
                _ => body,
            };
            await WriteJsonAsync(context, 200, body);
            return;
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/x-ndjson";
        if (kind == FaultKind.EmptyChoices)
        {
            await WriteLineAsync(context, Json(new { model = request.Model, created_at = CreatedAt, done = true }));
            return;
        }
        foreach (var piece in Pieces(reply.Text))
        {
            if (kind == FaultKind.MalformedJson)
            {
                await WriteLineAsync(context, "{\"model\":\"" + request.Model + "\",\"message\":{\"role\":\"assistant\",\"content\":\"cu");
                break;
            }
            await WriteLineAsync(context, Json(new { model = request.Model, created_at = CreatedAt, message = new { role = "assistant", content = piece }, done = false }));
            if (kind == FaultKind.StreamCut)
                return;
            await StallOnceAsync(context, kind);
            if (kind == FaultKind.StreamError)
            {
                await WriteLineAsync(context, Json(new { error = "an error was encountered while running the model: unexpected EOF" }));
                return;
            }
        }
        await WriteLineAsync(context, Final(""));
    }
}
