using System.Globalization;
using System.Text.Json.Nodes;
using Cuboid.Server.Gateway;
using Cuboid.Server.Hosting;
using Cuboid.Server.Keys;
using Cuboid.Server.Store;
using Cuboid.Understanding.Reports;

namespace Cuboid.Server.Analyses;

/// <summary>
/// Understanding as a service: <c>POST /v1/analyses</c> (multipart: <c>file</c>, and <c>every</c>, <c>max_frames</c>,
/// <c>focus</c>, <c>language</c>, <c>offline</c> as in <c>cuboid analyze</c>) checks the upload is a video, holds the
/// run's worst case on the key and queues it; <c>GET /v1/analyses/{id}</c> (status, progress, the report JSON),
/// <c>/report</c> (HTML) and <c>/chapters.vtt</c>.
/// </summary>
public static class AnalysesEndpoints
{
    public const string Task = "analyze";

    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapPost("/analyses", CreateAsync).WithSummary("Upload a video to analyse").DisableAntiforgery();
        v1.MapGet("/analyses/{id}", Show).WithSummary("Status, progress and, when done, the report JSON");
        v1.MapGet("/analyses/{id}/report", (string id, HttpContext context, IGatewayStore store, AnalysisService service) =>
            ReportFile(id, context, store, service, ReportWriter.HtmlFile, "text/html; charset=utf-8")).WithSummary("The HTML report");
        v1.MapGet("/analyses/{id}/chapters.vtt", (string id, HttpContext context, IGatewayStore store, AnalysisService service) =>
            ReportFile(id, context, store, service, ReportWriter.VttFile, "text/vtt; charset=utf-8")).WithSummary("Chapters as WebVTT");
    }

    private static async Task<IResult> CreateAsync(HttpContext context, IGatewayStore store, KeyBudgets budgets, AnalysisService service, AnalysisGateway analyses, TimeProvider time)
    {
        var cancellationToken = context.RequestAborted;
        var caller = CallerAuthentication.CallerOf(context);
        if (caller.Key is { } key && (!key.AllowsTask(Task) || key.Models is not null))
        {
            throw GatewayException.Forbidden(key.Models is not null
                ? "analyses route over the whole portfolio; a key limited to some models cannot run them"
                : $"this key may not use task '{Task}'");
        }

        if (!context.Request.HasFormContentType)
        {
            throw GatewayException.BadRequest("send the video as multipart/form-data with a 'file' field", "file");
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        var file = form.Files.GetFile("file") is { Length: > 0 } f ? f : throw GatewayException.BadRequest("the 'file' field is missing or empty", "file");
        var settings = new AnalysisSettings
        {
            EverySeconds = Number(form["every"], "every") ?? 5,
            MaxFrames = Number(form["max_frames"], "max_frames") is { } max ? (int)max : null,
            Focus = form["focus"].ToString() is { Length: > 0 } focus ? focus : null,
            Language = form["language"].ToString() is { Length: > 0 } language ? language : null,
            Offline = form["offline"].ToString() is "true",
        };

        var id = "analysis_" + Guid.CreateVersion7().ToString("N")[..20];
        Directory.CreateDirectory(service.Folder(id));
        var keep = false;
        try
        {
            await using (var target = File.Create(service.VideoPath(id)))
            {
                await file.CopyToAsync(target, cancellationToken);
            }

            // Checked with the media engine before anything else is spent on it.
            await AnalysisGateway.CheckVideoAsync(service.VideoPath(id), cancellationToken);
            var request = service.RequestFor(id, settings);
            request.Validate();
            var worstCase = caller.Key?.Budget is not null ? await analyses.WorstCaseAsync(request, cancellationToken) : 0m;
            var call = budgets.Reserve(caller, Task, worstCase);
            var record = new AnalysisRecord { Id = id, KeyId = caller.Key?.Id, Status = "queued", Settings = settings, CreatedAt = time.GetUtcNow(), Reserved = worstCase };
            store.SaveAnalysis(record);
            service.Enqueue(id, call);
            keep = true;
            return Results.Json(Describe(record, null, null), statusCode: StatusCodes.Status202Accepted);
        }
        finally
        {
            if (!keep)
            {
                Directory.Delete(service.Folder(id), recursive: true);
            }
        }
    }

    private static JsonObject Show(string id, HttpContext context, IGatewayStore store, AnalysisService service)
    {
        var record = Owned(id, context, store);
        var reportPath = Path.Combine(service.ReportFolder(id), ReportWriter.JsonFile);
        var report = record.Status == "completed" && File.Exists(reportPath) ? JsonNode.Parse(File.ReadAllText(reportPath)) : null;
        return Describe(record, service.Progress(id), report);
    }

    private static IResult ReportFile(string id, HttpContext context, IGatewayStore store, AnalysisService service, string name, string contentType)
    {
        var record = Owned(id, context, store);
        var path = Path.Combine(service.ReportFolder(id), name);
        return record.Status == "completed" && File.Exists(path)
            ? Results.File(path, contentType)
            : throw GatewayException.BadRequest($"analysis {id} has no {name} yet: it is {record.Status}", "id");
    }

    private static JsonObject Describe(AnalysisRecord record, Understanding.AnalysisProgress? progress, JsonNode? report) => new()
    {
        ["id"] = record.Id,
        ["object"] = "analysis",
        ["status"] = record.Status,
        ["created_at"] = record.CreatedAt.ToUnixTimeSeconds(),
        ["completed_at"] = record.FinishedAt?.ToUnixTimeSeconds(),
        ["progress"] = progress is null ? null : new JsonObject
        {
            ["stage"] = progress.Stage, ["done"] = progress.Done, ["total"] = progress.Total, ["dollars_so_far"] = progress.DollarsSoFar,
        },
        ["cost"] = record.Dollars,
        ["error"] = record.Error,
        ["report"] = report,
    };

    private static AnalysisRecord Owned(string id, HttpContext context, IGatewayStore store)
    {
        var caller = CallerAuthentication.CallerOf(context);
        return store.FindAnalysis(id) is { } record && (caller.IsAdmin || record.KeyId == caller.Key?.Id)
            ? record
            : throw GatewayException.NotFound($"no analysis '{id}'", "analysis_not_found", "id");
    }

    private static double? Number(Microsoft.Extensions.Primitives.StringValues value, string name) =>
        value.ToString() is not { Length: > 0 } text ? null
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number > 0 && double.IsFinite(number) ? number
        : throw GatewayException.BadRequest($"'{name}' must be a positive number, not '{text}'", name);
}
