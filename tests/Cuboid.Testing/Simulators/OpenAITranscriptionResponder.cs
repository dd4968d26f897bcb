using Microsoft.AspNetCore.Http;

namespace Cuboid.Testing.Simulators;

/// <summary>OpenAI <c>/audio/transcriptions</c>: multipart upload; <c>json</c>, <c>verbose_json</c> (segments) or <c>text</c>.</summary>
internal sealed class OpenAITranscriptionResponder : ProtocolResponder
{
    public override SimulatedProtocol Protocol => SimulatedProtocol.OpenAITranscription;

    public override async Task<SimulatedRequest> ParseAsync(HttpContext context, string? presentedKey)
    {
        if (!context.Request.HasFormContentType)
            throw new FormatException("Expected a multipart/form-data body.");
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var file = form.Files.GetFile("file") ?? throw new FormatException("The 'file' field is required.");
        using var audio = new MemoryStream();
        await file.CopyToAsync(audio, context.RequestAborted);
        return new SimulatedRequest
        {
            Protocol = Protocol,
            Path = context.Request.Path,
            Model = form["model"].ToString(),
            Audio = audio.ToArray(),
            AudioFileName = file.FileName,
            ResponseFormat = form["response_format"].Count > 0 ? form["response_format"].ToString() : "json",
            Language = form["language"].Count > 0 ? form["language"].ToString() : null,
            ApiKey = presentedKey,
        };
    }

    public override Task WriteErrorAsync(HttpContext context, int status, FaultKind kind, string message) =>
        new OpenAIChatResponder().WriteErrorAsync(context, status, kind, message);

    public override async Task WriteAnswerAsync(HttpContext context, SimulatedRequest request, SimulatedReply reply, SimulatedUsage usage, FaultKind kind, string id)
    {
        var duration = reply.DurationSeconds ?? SimulatedTranscript.WavSeconds(request.Audio ?? []);
        var segments = reply.Segments ?? SimulatedTranscript.SpreadOver(reply.Text, duration);
        var text = reply.Segments is null ? reply.Text : string.Join(" ", segments.Select(s => s.Text.Trim()));
        var usageJson = new { type = "duration", seconds = (int)Math.Ceiling(duration) };
        string body;
        var contentType = "application/json";
        switch (request.ResponseFormat)
        {
            case "text":
                body = text;
                contentType = "text/plain";
                break;
            case "verbose_json":
                body = Json(new
                {
                    task = "transcribe",
                    language = reply.Language,
                    duration,
                    text,
                    segments = segments.Select((s, i) => new
                    {
                        id = i, seek = 0, start = s.Start, end = s.End, text = s.Text, tokens = Array.Empty<int>(),
                        temperature = 0.0, avg_logprob = -0.25, compression_ratio = 1.2, no_speech_prob = 0.01,
                    }),
                    usage = usageJson,
                });
                break;
            default:
                body = Json(new { text, usage = usageJson });
                break;
        }
        body = kind switch
        {
            FaultKind.StreamCut => body[..(body.Length / 2)],
            FaultKind.MalformedJson => "{\"text\": \"" + text[..(text.Length / 2)],
            FaultKind.EmptyChoices => "{}",
            _ => body,
        };
        await WriteJsonAsync(context, 200, body, contentType);
    }
}
