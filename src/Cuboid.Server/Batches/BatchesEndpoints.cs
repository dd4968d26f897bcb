using System.Text.Json.Nodes;
using Cuboid.Server.Analyses;
using Cuboid.Server.Blobs;
using Cuboid.Server.Gateway;
using Cuboid.Server.Hosting;
using Cuboid.Storage;
using Cuboid.Understanding.Reports;
using Microsoft.Extensions.Options;

namespace Cuboid.Server.Batches;

/// <summary>
/// A corpus as one job: <c>POST /v1/batches</c> (JSON options and budget) opens a batch, <c>POST
/// /v1/batches/{id}/videos</c> (multipart <c>file</c>) adds each video (checked to be a video, stored once by content
/// hash; a video this key already finished with the same options reuses its report and pays nothing), <c>GET
/// /v1/batches/{id}</c> shows done, running, failed and dollars per video, <c>GET /v1/batches</c> lists them, and each
/// video's report is served at <c>/v1/batches/{id}/videos/{video}/report</c> (HTML) and <c>/report.json</c>.
/// </summary>
public static class BatchesEndpoints
{
    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapPost("/batches", Create).WithSummary("Open a batch: analysis options and a budget shared by its videos");
        v1.MapGet("/batches", List).WithSummary("The newest batches, with their counts and dollars");
        v1.MapGet("/batches/{id}", Show).WithSummary("A batch: done, running, failed, dollars, and each video's status");
        v1.MapPost("/batches/{id}/videos", AddVideoAsync).WithSummary("Add a video (multipart 'file') to a batch").DisableAntiforgery();
        v1.MapGet("/batches/{id}/videos/{video}/report", (string id, string video, HttpContext context, IBatchStore store, IBlobStore blobs) =>
            ReportAsync(id, video, context, store, blobs, ReportWriter.HtmlFile, "text/html; charset=utf-8")).WithSummary("A video's HTML report");
        v1.MapGet("/batches/{id}/videos/{video}/report.json", (string id, string video, HttpContext context, IBatchStore store, IBlobStore blobs) =>
            ReportAsync(id, video, context, store, blobs, ReportWriter.JsonFile, "application/json")).WithSummary("A video's report.json");
    }

    private static IResult Create(BatchCreateRequest request, HttpContext context, IBatchStore store, TimeProvider time)
    {
        var caller = CallerAuthentication.CallerOf(context);
        if (caller.Key is { } key && (!key.AllowsTask(AnalysesEndpoints.Task) || key.Models is not null))
        {
            throw GatewayException.Forbidden($"this key may not run analyses (task '{AnalysesEndpoints.Task}' over the whole portfolio)");
        }

        if (request.Unknown is { Count: > 0 } unknown)
        {
            throw GatewayException.BadRequest($"unknown field '{unknown.Keys.First()}'", unknown.Keys.First());
        }

        if (request.Budget is <= 0)
        {
            throw GatewayException.BadRequest("'budget' must be a positive number of dollars", "budget");
        }

        if (request.Every is { } every && (every <= 0 || !double.IsFinite(every)))
        {
            throw GatewayException.BadRequest("'every' must be a positive number of seconds", "every");
        }

        if (request.Concurrency is < 1 or > BatchRecord.MaxCaptionConcurrency)
        {
            throw GatewayException.BadRequest($"'concurrency' must be a whole number from 1 to {BatchRecord.MaxCaptionConcurrency}", "concurrency");
        }

        var batch = new BatchRecord
        {
            Id = "batch_" + Guid.CreateVersion7().ToString("N")[..20],
            KeyId = caller.Key?.Id,
            Name = request.Name,
            Budget = request.Budget,
            CaptionConcurrency = request.Concurrency ?? BatchRecord.DefaultCaptionConcurrency,
            Settings = new AnalysisSettings { EverySeconds = request.Every ?? 5, Focus = request.Focus, Language = request.Language, Offline = request.Offline },
            CreatedAt = time.GetUtcNow(),
        };
        store.AddBatch(batch);
        return Results.Json(Describe(batch, []), statusCode: StatusCodes.Status201Created);
    }

    private static JsonObject List(HttpContext context, IBatchStore store)
    {
        var caller = CallerAuthentication.CallerOf(context);
        var batches = store.Batches(caller.IsAdmin ? null : caller.Key!.Id, 100);
        return new JsonObject
        {
            ["object"] = "list",
            ["data"] = new JsonArray([.. batches.Select(b => Summary(b, store.ItemsOf(b.Id)))]),
        };
    }

    private static JsonObject Show(string id, HttpContext context, IBatchStore store)
    {
        var batch = Owned(id, context, store);
        return Describe(batch, store.ItemsOf(batch.Id));
    }

    private static async Task<IResult> AddVideoAsync(string id, HttpContext context, IBatchStore store, IBlobStore blobs, StepScheduler scheduler, TimeProvider time, IOptions<ServerOptions> options)
    {
        var cancellationToken = context.RequestAborted;
        var batch = Owned(id, context, store);
        if (!context.Request.HasFormContentType)
        {
            throw GatewayException.BadRequest("send the video as multipart/form-data with a 'file' field", "file");
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        var file = form.Files.GetFile("file") is { Length: > 0 } f ? f : throw GatewayException.BadRequest("the 'file' field is missing or empty", "file");
        // The name is kept for the index and the report's source only; no path is ever made from it.
        var name = Path.GetFileName(file.FileName) is { Length: > 0 } given ? given : "video";
        var upload = Path.Combine(options.Value.StoreFolder(), "uploads", $"{Guid.NewGuid():N}.partial");
        Directory.CreateDirectory(Path.GetDirectoryName(upload)!);
        try
        {
            await using (var target = File.Create(upload))
            {
                await file.CopyToAsync(target, cancellationToken);
            }

            await AnalysisGateway.CheckVideoAsync(upload, cancellationToken);
            var hash = await ContentHash.OfFileAsync(upload, cancellationToken);
            var settingsKey = IBatchStore.SettingsKey(batch.Settings);
            var earlier = store.FindCompleted(batch.KeyId, hash, settingsKey);
            if (earlier is null)
            {
                await using var content = File.OpenRead(upload);
                await blobs.PutAsync(AnalysisSteps.VideoKey(hash), content, cancellationToken);
            }

            var now = time.GetUtcNow();
            var item = new BatchItem
            {
                Id = "video_" + Guid.CreateVersion7().ToString("N")[..20],
                BatchId = batch.Id,
                Name = name,
                ContentHash = hash,
                Status = earlier is null ? BatchItemStatus.Queued : BatchItemStatus.Completed,
                ReusedFrom = earlier?.ReportItemId,
                CreatedAt = now,
                FinishedAt = earlier is null ? null : now,
            };
            store.AddItem(item, batch.KeyId, settingsKey);
            if (earlier is null)
            {
                scheduler.Start(item.Id);
            }

            return Results.Json(Item(batch.Id, item), statusCode: earlier is null ? StatusCodes.Status202Accepted : StatusCodes.Status200OK);
        }
        finally
        {
            File.Delete(upload);
        }
    }

    private static async Task<IResult> ReportAsync(string id, string video, HttpContext context, IBatchStore store, IBlobStore blobs, string file, string contentType)
    {
        var batch = Owned(id, context, store);
        if (store.FindItem(video) is not { } item || item.BatchId != batch.Id)
        {
            throw GatewayException.NotFound($"batch {id} has no video '{video}'", "video_not_found", "video");
        }

        var content = item.Status == BatchItemStatus.Completed ? await blobs.OpenReadAsync(AnalysisSteps.ReportKey(item.ReportItemId, file), context.RequestAborted) : null;
        return content is not null
            ? Results.Stream(content, contentType)
            : throw GatewayException.BadRequest($"video {video} has no {file}: it is {item.Status}", "video");
    }

    internal static BatchRecord Owned(string id, HttpContext context, IBatchStore store)
    {
        var caller = CallerAuthentication.CallerOf(context);
        return store.FindBatch(id) is { } batch && (caller.IsAdmin || batch.KeyId == caller.Key?.Id)
            ? batch
            : throw GatewayException.NotFound($"no batch '{id}'", "batch_not_found", "id");
    }

    private static JsonObject Summary(BatchRecord batch, IReadOnlyList<BatchItem> items)
    {
        var count = (string status) => items.Count(i => i.Status == status);
        return new JsonObject
        {
            ["id"] = batch.Id,
            ["object"] = "batch",
            ["name"] = batch.Name,
            ["created_at"] = batch.CreatedAt.ToUnixTimeSeconds(),
            ["budget"] = batch.Budget,
            ["status"] = items.Count > 0 && items.All(i => i.IsFinished) ? "finished" : "running",
            ["total"] = items.Count,
            ["queued"] = count(BatchItemStatus.Queued),
            ["running"] = count(BatchItemStatus.Running),
            ["completed"] = count(BatchItemStatus.Completed),
            ["failed"] = count(BatchItemStatus.Failed),
            ["dollars"] = items.Sum(i => i.Dollars),
        };
    }

    private static JsonObject Describe(BatchRecord batch, IReadOnlyList<BatchItem> items)
    {
        var summary = Summary(batch, items);
        summary["options"] = new JsonObject
        {
            ["every"] = batch.Settings.EverySeconds, ["focus"] = batch.Settings.Focus, ["language"] = batch.Settings.Language, ["offline"] = batch.Settings.Offline,
            ["concurrency"] = batch.CaptionConcurrency,
        };
        summary["videos"] = new JsonArray([.. items.Select(i => Item(batch.Id, i))]);
        return summary;
    }

    private static JsonObject Item(string batchId, BatchItem item) => new()
    {
        ["id"] = item.Id,
        ["object"] = "batch.video",
        ["name"] = item.Name,
        ["sha256"] = item.ContentHash,
        ["status"] = item.Status,
        ["error"] = item.Error,
        ["dollars"] = item.Dollars,
        ["reused_from"] = item.ReusedFrom,
        ["finished_at"] = item.FinishedAt?.ToUnixTimeSeconds(),
        ["report_url"] = item.Status == BatchItemStatus.Completed ? $"/v1/batches/{batchId}/videos/{item.Id}/report" : null,
    };
}
