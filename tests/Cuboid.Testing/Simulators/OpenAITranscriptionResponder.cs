using System.Buffers.Binary;
using System.Text;
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
        var duration = reply.DurationSeconds ?? WavDurationSeconds(request.Audio ?? []);
        var segments = reply.Segments ?? DefaultSegments(reply.Text, duration);
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

    /// <summary>The reply's sentences spread evenly over the audio, at least one segment.</summary>
    private static List<SimulatedSegment> DefaultSegments(string text, double duration)
    {
        var sentences = text.Split(". ", StringSplitOptions.RemoveEmptyEntries);
        var step = duration / Math.Max(1, sentences.Length);
        return sentences.Select((s, i) => new SimulatedSegment(
            Math.Round(i * step, 3), Math.Round((i + 1) * step, 3),
            i < sentences.Length - 1 ? s + "." : s)).ToList();
    }

    /// <summary>Reads the duration from a RIFF/WAVE header; other bytes count as 16 kHz mono 16-bit.</summary>
    internal static double WavDurationSeconds(byte[] audio)
    {
        var span = audio.AsSpan();
        if (span.Length >= 12 && Encoding.ASCII.GetString(span[..4]) == "RIFF" && Encoding.ASCII.GetString(span[8..12]) == "WAVE")
        {
            var byteRate = 0;
            var offset = 12;
            while (offset + 8 <= span.Length)
            {
                var chunk = Encoding.ASCII.GetString(span.Slice(offset, 4));
                var size = BinaryPrimitives.ReadInt32LittleEndian(span.Slice(offset + 4, 4));
                if (chunk == "fmt " && offset + 20 <= span.Length)
                    byteRate = BinaryPrimitives.ReadInt32LittleEndian(span.Slice(offset + 16, 4));
                if (chunk == "data" && byteRate > 0)
                    return Math.Round(Math.Min(size, span.Length - offset - 8) / (double)byteRate, 3);
                offset += 8 + size + (size & 1);
            }
        }
        return Math.Round(audio.Length / 32000.0, 3);
    }

}
