using System.Globalization;
using System.Text.Json.Nodes;
using Cuboid.Server.Gateway;
using Cuboid.Server.Hosting;
using Cuboid.Server.Keys;
using Cuboid.Server.Security;
using Cuboid.Server.Store;
using Cuboid.Server.Webhooks;
using Cuboid.Understanding.Reports;
using Microsoft.Extensions.Options;

namespace Cuboid.Server.Analyses;

/// <summary>
/// Understanding as a service: <c>POST /v1/analyses</c> (multipart: <c>file</c>, or <c>url</c> fetched through the SSRF
/// guard, and <c>every</c>, <c>max_frames</c>,
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
        v1.MapGet("/analyses", List).WithSummary("The caller's analyses, newest first (without their reports)");
        v1.MapGet("/analyses/{id}", Show).WithSummary("Status, progress and, when done, the report JSON");
        v1.MapGet("/analyses/{id}/report", (string id, HttpContext context, GatewayStore store, AnalysisService service) =>
            ReportFile(id, context, store, service, ReportWriter.HtmlFile, "text/html; charset=utf-8")).WithSummary("The HTML report");
        v1.MapGet("/analyses/{id}/chapters.vtt", (string id, HttpContext context, GatewayStore store, AnalysisService service) =>
            ReportFile(id, context, store, service, ReportWriter.VttFile, "text/vtt; charset=utf-8")).WithSummary("Chapters as WebVTT");
    }

    private static async Task<IResult> CreateAsync(HttpContext context, GatewayStore store, KeyBudgets budgets, AnalysisService service, AnalysisGateway analyses, TimeProvider time,
        SafeHttpFetcher fetcher, IOptions<ServerOptions> options, WebhookTargets webhooks)
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
        var file = form.Files.GetFile("file") is { Length: > 0 } f ? f : null;
        var source = form["url"].ToString() is { Length: > 0 } url ? url : null;
        if (file is null && source is null)
        {
            throw GatewayException.BadRequest("the 'file' field is missing or empty (or name the video with a 'url' field)", "file");
        }

        if (file is not null && source is not null)
        {
            throw GatewayException.BadRequest("send either a 'file' or a 'url', not both", "url");
        }

        // Checked before anything is saved: a URL the policy refuses is a 400 naming why.
        var sourceUri = source is null ? null : await CheckedAsync(() => fetcher.Policy.CheckAsync(source, cancellationToken), "url");
        var notify = await webhooks.CheckAsync(form[WebhookTargets.Field].ToString(), cancellationToken);
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
                if (sourceUri is null)
                {
                    await file!.CopyToAsync(target, cancellationToken);
                }
                else
                {
                    await CheckedAsync(() => fetcher.DownloadAsync(sourceUri, target, options.Value.MaxUploadBytes, cancellationToken), "url");
                }
            }

            // Checked with the media engine before anything else is spent on it.
            await AnalysisGateway.CheckVideoAsync(service.VideoPath(id), cancellationToken);
            var request = service.RequestFor(id, settings);
            request.Validate();
            var worstCase = caller.Key?.Budget is not null ? await analyses.WorstCaseAsync(request, cancellationToken) : 0m;
            var call = budgets.Reserve(caller, Task, worstCase);
            var record = new AnalysisRecord { Id = id, KeyId = caller.Key?.Id, Status = "queued", Settings = settings, CreatedAt = time.GetUtcNow(), Reserved = worstCase, FileName = file is not null ? Path.GetFileName(file.FileName) : Path.GetFileName(sourceUri!.AbsolutePath) };
            store.SaveAnalysis(record);
            webhooks.Register(id, notify);
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

    private static JsonObject List(HttpContext context, GatewayStore store, AnalysisService service, int? limit)
    {
        var caller = CallerAuthentication.CallerOf(context);
        var take = Math.Clamp(limit ?? 20, 1, 100);
        var records = store.AnalysesOf(caller.Key?.Id, take + 1);
        return new JsonObject
        {
            ["object"] = "list",
            ["data"] = new JsonArray([.. records.Take(take).Select(r => (JsonNode)Describe(r, service.Progress(r.Id), null))]),
            ["has_more"] = records.Count > take,
        };
    }

    private static JsonObject Show(string id, HttpContext context, GatewayStore store, AnalysisService service)
    {
        var record = Owned(id, context, store);
        var reportPath = Path.Combine(service.ReportFolder(id), ReportWriter.JsonFile);
        var report = record.Status == "completed" && File.Exists(reportPath) ? JsonNode.Parse(File.ReadAllText(reportPath)) : null;
        return Describe(record, service.Progress(id), report);
    }

    private static IResult ReportFile(string id, HttpContext context, GatewayStore store, AnalysisService service, string name, string contentType)
    {
        var record = Owned(id, context, store);
        var path = Path.Combine(service.ReportFolder(id), name);
        return record.Status == "completed" && File.Exists(path)
            ? Results.File(path, contentType)
            : throw GatewayException.BadRequest($"analysis {id} has no {name} yet: it is {record.Status}", "id");
    }

    internal static JsonObject Describe(AnalysisRecord record, Understanding.AnalysisProgress? progress, JsonNode? report) => new()
    {
        ["id"] = record.Id,
        ["object"] = "analysis",
        ["filename"] = record.FileName,
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

    internal static AnalysisRecord Owned(string id, HttpContext context, GatewayStore store)
    {
        var caller = CallerAuthentication.CallerOf(context);
        return store.FindAnalysis(id) is { } record && (caller.IsAdmin || record.KeyId == caller.Key?.Id)
            ? record
            : throw GatewayException.NotFound($"no analysis '{id}'", "analysis_not_found", "id");
    }

    private static async Task<T> CheckedAsync<T>(Func<Task<T>> fetch, string param)
    {
        try
        {
            return await fetch();
        }
        catch (OutboundUrlException ex)
        {
            throw ex.ToGateway(param);
        }
    }

    private static double? Number(Microsoft.Extensions.Primitives.StringValues value, string name) =>
        value.ToString() is not { Length: > 0 } text ? null
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number > 0 && double.IsFinite(number) ? number
        : throw GatewayException.BadRequest($"'{name}' must be a positive number, not '{text}'", name);
}
