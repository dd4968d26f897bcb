using System.Text.Json.Nodes;
using Cuboid.Portfolio;
using Cuboid.Server.Gateway;
using Cuboid.Server.Hosting;
using Cuboid.Server.Keys;
using Microsoft.Extensions.AI;

namespace Cuboid.Server.OpenAI;

/// <summary>
/// <c>POST /v1/audio/transcriptions</c> (multipart: <c>file</c>, <c>model</c>, <c>language</c>, <c>response_format</c>
/// json, text or verbose_json) over the library's routed speech-to-text client.
/// </summary>
public static class TranscriptionsEndpoint
{
    // What the library assumes of audio it cannot measure: 4 kB per second (a compressed upload is longer, so the
    // reservation is pessimistic for WAV and close for MP3/Opus).
    private const double BytesPerSecond = 4000;

    public static async Task HandleAsync(HttpContext context, GatewayModels models, KeyBudgets budgets)
    {
        var cancellationToken = context.RequestAborted;
        if (!context.Request.HasFormContentType)
        {
            throw GatewayException.BadRequest("send the audio as multipart/form-data with a 'file' field", "file");
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        var file = form.Files.GetFile("file") ?? throw GatewayException.BadRequest("the 'file' field is missing", "file");
        if (file.Length == 0)
        {
            throw GatewayException.BadRequest("the uploaded file is empty", "file");
        }

        var format = form["response_format"].ToString() is { Length: > 0 } f ? f : "json";
        if (format is not ("json" or "text" or "verbose_json"))
        {
            throw GatewayException.BadRequest("'response_format' must be json, text or verbose_json", "response_format");
        }

        var caller = CallerAuthentication.CallerOf(context);
        var model = form["model"].ToString() is { Length: > 0 } m && m != "whisper-1" ? m : ModelTasks.Transcribe;
        var estimate = RequestEstimate.ForAudio(file.Length / BytesPerSecond);
        RoutePlan PlanFor(ModelChoice c) => models.Plan(c.Task, c.PinnedModel, estimate);
        var choice = ModelChoices.Resolve(models, caller, model == "auto" ? ModelTasks.Transcribe : model, ModelTasks.Transcribe, [ModelTasks.Transcribe], PlanFor);
        var plan = PlanFor(choice);
        if (plan.Candidates.Count == 0)
        {
            throw ChatCompletionsEndpoint.NoModel(models, choice, plan);
        }

        var call = budgets.Reserve(caller, choice.Task, plan);
        try
        {
            var options = new SpeechToTextOptions
            {
                SpeechLanguage = form["language"].ToString() is { Length: > 0 } language ? language : null,
                AdditionalProperties = new() { ["filename"] = Path.GetFileName(file.FileName) },
            };
            await using var audio = file.OpenReadStream();
            // Streamed: each finished update is one timed segment (the library's one transcript shape).
            var segments = new List<SpeechToTextResponseUpdate>();
            await foreach (var update in GatewayModels.SpeechToTextClient(call.Run, choice.PinnedModel).GetStreamingTextAsync(audio, options, cancellationToken))
            {
                if (update.Kind == SpeechToTextResponseUpdateKind.TextUpdated)
                {
                    segments.Add(update);
                }
            }

            call.Settle();
            var text = string.Join(' ', segments.Select(s => s.Text.Trim()).Where(t => t.Length > 0));
            var answeredBy = segments.Select(s => s.ModelId).FirstOrDefault(m => m is not null) ?? plan.Candidates[0].ModelId;
            ChatCompletionsEndpoint.WriteCostHeaders(context, answeredBy, call.Dollars);
            if (format == "text")
            {
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync(text, cancellationToken);
                return;
            }

            var body = new JsonObject { ["text"] = text };
            if (format == "verbose_json")
            {
                body["task"] = "transcribe";
                body["language"] = options.SpeechLanguage;
                body["duration"] = segments.Count > 0 ? segments[^1].EndTime?.TotalSeconds : null;
                body["segments"] = new JsonArray([.. segments.Select((s, i) => (JsonNode)new JsonObject
                {
                    ["id"] = i, ["start"] = s.StartTime?.TotalSeconds ?? 0, ["end"] = s.EndTime?.TotalSeconds ?? 0, ["text"] = s.Text.Trim(),
                })]);
            }

            await context.Response.WriteAsJsonAsync(body, cancellationToken);
        }
        finally
        {
            call.Settle();
        }
    }
}
