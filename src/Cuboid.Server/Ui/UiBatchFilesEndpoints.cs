using System.Text.Json.Nodes;
using Cuboid.Server.Batches;
using Cuboid.Server.Blobs;
using Cuboid.Server.Gateway;
using Cuboid.Server.Hosting;
using Cuboid.Server.Store;
using Cuboid.Understanding.Reports;
using Microsoft.AspNetCore.StaticFiles;

namespace Cuboid.Server.Ui;

/// <summary>
/// Signed links for a batch, so a browser tab can open what the bearer-authenticated batch routes serve: <c>GET
/// /v1/batches/{id}/link</c> (owner only) answers the batch's index page (<c>/ui/files/{token}/batch/</c>: totals and one
/// row per video linking its report, as <c>cuboid analyze DIR --server</c> writes it) and each finished video's report
/// (<c>videos/{video}/report/</c>: report.html, report.json, report.md, chapters.vtt from the blob store; the upload as
/// <c>videos/{video}/video</c>, which report.html plays as <c>../video</c>). One token opens that batch's files only,
/// while its key is live.
/// </summary>
public static partial class UiBatchFilesEndpoints
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();
    private static readonly HashSet<string> ReportFiles = [ReportWriter.HtmlFile, ReportWriter.JsonFile, ReportWriter.MarkdownFile, ReportWriter.VttFile];

    public static void Map(RouteGroupBuilder v1, IEndpointRouteBuilder app)
    {
        v1.MapGet("/batches/{id}/link", (string id, HttpContext context, IBatchStore store, UiLinks links) =>
        {
            var batch = BatchesEndpoints.Owned(id, context, store);
            var token = links.Sign(UiLinks.Batch, batch.Id, CallerAuthentication.CallerOf(context).Key?.Id);
            var root = $"/ui/files/{token}/batch/";
            return new JsonObject
            {
                ["index"] = root,
                ["reports"] = new JsonObject(store.ItemsOf(batch.Id).Where(i => i.Status == BatchItemStatus.Completed)
                    .Select(i => KeyValuePair.Create(i.Id, (JsonNode?)JsonValue.Create($"{root}videos/{i.Id}/report/")))),
                ["expires_at"] = links.Verify(token)!.ExpiresAt.ToUnixTimeSeconds(),
            };
        }).WithSummary("Signed, short-lived URLs of a batch's index page and of each finished video's report, for a browser tab");

        var files = app.MapGroup("/ui/files/{token}/batch").ExcludeFromDescription();
        files.MapGet("/", async (string token, HttpContext context, UiLinks links, IGatewayStore gateway, IBatchStore store, IBlobStore blobs, TimeProvider time) =>
        {
            var batch = OpenBatch(token, links, gateway, store);
            var entries = new List<BatchIndexEntry>();
            foreach (var item in store.ItemsOf(batch.Id))
            {
                var report = item.Status == BatchItemStatus.Completed ? await ReadJsonAsync(blobs, AnalysisSteps.ReportKey(item.ReportItemId, ReportWriter.JsonFile), context.RequestAborted) : null;
                entries.Add(BatchIndexEntry.WithReport(item.Name, item.Status, item.Dollars, $"videos/{item.Id}/report/", item.Error, report) with { Reused = item.ReusedFrom is not null });
            }

            UiSecurityHeaders.ForReport(context.Response);
            return Results.Content(BatchIndexHtmlWriter.Write(batch.Name ?? batch.Id, entries, time.GetUtcNow(), "the Cuboid gateway"), "text/html; charset=utf-8");
        });
        files.MapGet("/videos/{video}/report/{**path}", async (string token, string video, string? path, HttpContext context, UiLinks links, IGatewayStore gateway, IBatchStore store, IBlobStore blobs) =>
        {
            var item = FinishedItem(OpenBatch(token, links, gateway, store), video, store);
            var file = string.IsNullOrEmpty(path) ? ReportWriter.HtmlFile : path;
            // Only the report's own files: the key is built from a fixed name, never from the path as given.
            var known = ReportFiles.TryGetValue(file, out var named) ? named : FrameFile().IsMatch(file) ? file : null;
            var content = known is not null ? await blobs.OpenReadAsync(AnalysisSteps.ReportKey(item.ReportItemId, known), context.RequestAborted) : null;
            if (content is null)
            {
                throw GatewayException.NotFound($"the report has no file '{file}'");
            }

            if (known == ReportWriter.HtmlFile)
            {
                UiSecurityHeaders.ForReport(context.Response);
                return Results.Stream(content, "text/html; charset=utf-8");
            }

            UiSecurityHeaders.ForFile(context.Response);
            return Results.Stream(content, ContentTypes.TryGetContentType(known!, out var type) ? type : "application/octet-stream");
        });
        // report.html names the upload by its file name under ../video/ (the final step's layout), so any name serves it.
        files.MapGet("/videos/{video}/video/{**name}", async (string token, string video, HttpContext context, UiLinks links, IGatewayStore gateway, IBatchStore store, IBlobStore blobs) =>
        {
            var item = FinishedItem(OpenBatch(token, links, gateway, store), video, store);
            var content = await blobs.OpenReadAsync(AnalysisSteps.VideoKey(item.ContentHash), context.RequestAborted)
                ?? throw GatewayException.NotFound("the analysed video is gone", "video_not_found");
            UiSecurityHeaders.ForFile(context.Response);
            return Results.Stream(content, "video/mp4", enableRangeProcessing: content.CanSeek);
        });
    }

    private static BatchRecord OpenBatch(string token, UiLinks links, IGatewayStore gateway, IBatchStore store)
    {
        var link = UiFilesEndpoints.Open(token, UiLinks.Batch, links, gateway);
        return store.FindBatch(link.Id) is { } batch && (link.KeyId is null || batch.KeyId == link.KeyId)
            ? batch
            : throw GatewayException.NotFound("this batch is gone", "batch_not_found");
    }

    private static BatchItem FinishedItem(BatchRecord batch, string video, IBatchStore store) =>
        store.FindItem(video) is { BatchId: var owner, Status: BatchItemStatus.Completed } item && owner == batch.Id
            ? item
            : throw GatewayException.NotFound($"batch {batch.Id} has no finished video '{video}'", "video_not_found");

    private static async Task<JsonNode?> ReadJsonAsync(IBlobStore blobs, string key, CancellationToken cancellationToken)
    {
        await using var content = await blobs.OpenReadAsync(key, cancellationToken);
        return content is null ? null : await JsonNode.ParseAsync(content, cancellationToken: cancellationToken);
    }

    /// <summary>A frame the final step kept beside the report: one plain JPEG name under <c>frames/</c>, nothing else.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^frames/[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*\.jpg$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex FrameFile();
}
