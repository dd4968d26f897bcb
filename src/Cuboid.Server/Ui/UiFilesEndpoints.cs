using System.Text.Json.Nodes;
using Cuboid.Server.Analyses;
using Cuboid.Server.Gateway;
using Cuboid.Server.Hosting;
using Cuboid.Server.Store;
using Cuboid.Server.Videos;
using Cuboid.Understanding.Reports;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace Cuboid.Server.Ui;

/// <summary>
/// Signed links for what a browser loads by itself: <c>GET /v1/videos/{id}/link</c> and <c>GET /v1/analyses/{id}/link</c>
/// (bearer-authenticated, owner only) answer URLs under <c>/ui/files/{token}/</c> that serve the MP4, the report folder
/// (<c>report/</c>: report.html, chapters.vtt, frames) and the analysed upload (<c>video</c>, which report.html plays as
/// <c>../video</c>). Each request checks the token, that the key is still live and that the file is still the key's.
/// </summary>
public static class UiFilesEndpoints
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static void Map(RouteGroupBuilder v1, IEndpointRouteBuilder app)
    {
        v1.MapGet("/videos/{id}/link", (string id, HttpContext context, IGatewayStore store, VideoGateway videos, UiLinks links) =>
        {
            var job = VideosEndpoints.Owned(id, context, store, videos);
            var token = links.Sign(UiLinks.Video, job.Id, CallerAuthentication.CallerOf(context).Key?.Id);
            return new JsonObject { ["url"] = $"/ui/files/{token}/video.mp4", ["expires_at"] = links.Verify(token)!.ExpiresAt.ToUnixTimeSeconds() };
        }).WithSummary("A signed, short-lived URL a <video> element can play the finished MP4 from");

        v1.MapGet("/analyses/{id}/link", (string id, HttpContext context, IGatewayStore store, UiLinks links) =>
        {
            var record = AnalysesEndpoints.Owned(id, context, store);
            var token = links.Sign(UiLinks.Analysis, record.Id, CallerAuthentication.CallerOf(context).Key?.Id);
            return new JsonObject
            {
                ["report"] = $"/ui/files/{token}/report/",
                ["chapters"] = $"/ui/files/{token}/report/{ReportWriter.VttFile}",
                ["video"] = $"/ui/files/{token}/video",
                ["expires_at"] = links.Verify(token)!.ExpiresAt.ToUnixTimeSeconds(),
            };
        }).WithSummary("Signed, short-lived URLs of the HTML report, its chapters and the analysed video, for a browser tab");

        var files = app.MapGroup("/ui/files/{token}").ExcludeFromDescription();
        files.MapGet("/video.mp4", (string token, HttpContext context, UiLinks links, IGatewayStore store, VideoGateway videos) =>
        {
            var link = Open(token, UiLinks.Video, links, store);
            var job = store.FindVideoJob(link.Id) is { } mine && (link.KeyId is null || mine.KeyId == link.KeyId) ? videos.Find(link.Id) : null;
            if (job is null || VideoJson.Status(job) != "completed" || job.Outputs.Count == 0 || !File.Exists(job.Outputs[0].Path))
            {
                throw GatewayException.NotFound("this video is gone or not finished", "video_not_found");
            }

            UiSecurityHeaders.ForFile(context.Response);
            return Results.File(job.Outputs[0].Path, "video/mp4", enableRangeProcessing: true);
        });
        files.MapGet("/video", (string token, HttpContext context, UiLinks links, IGatewayStore store, AnalysisService service) =>
        {
            var record = OpenAnalysis(token, links, store);
            UiSecurityHeaders.ForFile(context.Response);
            return File.Exists(service.VideoPath(record.Id))
                ? Results.File(service.VideoPath(record.Id), "video/mp4", enableRangeProcessing: true)
                : throw GatewayException.NotFound("the analysed video is gone", "analysis_not_found");
        });
        files.MapGet("/report/{**path}", (string token, string? path, HttpContext context, UiLinks links, IGatewayStore store, AnalysisService service) =>
        {
            var record = OpenAnalysis(token, links, store);
            if (record.Status != "completed" || !Directory.Exists(service.ReportFolder(record.Id)))
            {
                throw GatewayException.BadRequest($"analysis {record.Id} has no report yet: it is {record.Status}");
            }

            // The provider refuses anything outside the report folder (.., absolute paths).
            using var folder = new PhysicalFileProvider(service.ReportFolder(record.Id));
            var file = folder.GetFileInfo(string.IsNullOrEmpty(path) ? ReportWriter.HtmlFile : path);
            if (!file.Exists || file.PhysicalPath is null)
            {
                throw GatewayException.NotFound($"the report has no file '{path}'");
            }

            var type = ContentTypes.TryGetContentType(file.Name, out var known) ? known : "application/octet-stream";
            if (type == "text/html")
            {
                UiSecurityHeaders.ForReport(context.Response);
                return Results.File(file.PhysicalPath, "text/html; charset=utf-8");
            }

            UiSecurityHeaders.ForFile(context.Response);
            return Results.File(file.PhysicalPath, type, enableRangeProcessing: true);
        });
    }

    private static AnalysisRecord OpenAnalysis(string token, UiLinks links, IGatewayStore store)
    {
        var link = Open(token, UiLinks.Analysis, links, store);
        return store.FindAnalysis(link.Id) is { } record && (link.KeyId is null || record.KeyId == link.KeyId)
            ? record
            : throw GatewayException.NotFound("this analysis is gone", "analysis_not_found");
    }

    /// <summary>The link, when the token is genuine, unexpired, of the right kind and its key is still live.</summary>
    internal static UiLink Open(string token, string kind, UiLinks links, IGatewayStore store)
    {
        var link = links.Verify(token);
        if (link is null || link.Kind != kind || (link.KeyId is { } keyId && store.Find(keyId) is not { RevokedAt: null }))
        {
            throw GatewayException.Forbidden("this link is not valid or has expired: open it again from the gateway UI");
        }

        return link;
    }
}
