using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Cuboid.Testing.Simulators;
using Cuboid.Testing.Video;
using Cuboid.Tests.Server.Batches;

namespace Cuboid.Tests.Server.Ui;

/// <summary>
/// A batch's signed links: the owner's link opens the batch's index page (every video, linking each finished report),
/// each report's files and the video the report plays, without a bearer key; another key gets no link, and the token
/// opens no other batch's video and no file beside the report's own.
/// </summary>
public sealed partial class UiBatchLinksTests(GatewaySimulatorFixture fixture) : IClassFixture<GatewaySimulatorFixture>
{
    private readonly ProviderSimulator _sim = fixture.Fresh();

    [Fact]
    public async Task A_batch_link_opens_its_index_its_reports_and_their_video_and_nothing_else()
    {
        var first = await VideoBuilder.BuildAsync(new VideoRecipe { Seconds = 3, Audio = false });
        var second = await VideoBuilder.BuildAsync(new VideoRecipe { Seconds = 2, Audio = false, Source = "smptebars" });
        using var host = new GatewayHost(_sim);
        var owner = host.Client(await KeysTests.CreateKeyAsync(host, new JsonObject { ["name"] = "owner" }));
        var other = host.Client(await KeysTests.CreateKeyAsync(host, []));
        var anonymous = host.Client(null);
        var id = await FinishedBatchAsync(owner, "field recordings", (first, "harbour at dawn.mp4"), (second, "bars.mp4"));
        var elsewhere = await FinishedBatchAsync(host.Client(), "the admin's", (second, "theirs.mp4"));
        var theirVideo = (string)JsonNode.Parse(await host.Client().GetStringAsync($"/v1/batches/{elsewhere}"))!["videos"]![0]!["id"]!;

        var links = JsonNode.Parse(await owner.GetStringAsync($"/v1/batches/{id}/link"))!;
        var indexUrl = (string)links["index"]!;
        var index = await anonymous.GetAsync(indexUrl);
        var indexHtml = await index.Content.ReadAsStringAsync();
        var reports = links["reports"]!.AsObject();
        var reportUrl = (string)reports.First().Value!;
        var report = await anonymous.GetAsync(reportUrl);
        var reportHtml = await report.Content.ReadAsStringAsync();
        var reportJson = await anonymous.GetAsync(reportUrl + "report.json");
        var videoHref = VideoSource().Match(reportHtml).Groups[1].Value;
        var video = await anonymous.GetAsync(new Uri(new Uri(anonymous.BaseAddress!, reportUrl), videoHref));
        var reportNode = JsonNode.Parse(await reportJson.Content.ReadAsStringAsync())!;
        var frameName = (string)reportNode["samples"]![0]!["frame"]!;
        var frame = await anonymous.GetAsync(reportUrl + frameName);
        var notAFrame = await anonymous.GetAsync(reportUrl + "frames/..%2Freport.jpg");
        var notAReportFile = await anonymous.GetAsync(reportUrl + "manifest.json");
        var climbed = await anonymous.GetAsync(reportUrl + "..%2F..%2F..%2Fbatches.db");
        var otherBatchsVideo = await anonymous.GetAsync(indexUrl + $"videos/{theirVideo}/report/");
        var foreign = await other.GetAsync($"/v1/batches/{id}/link");

        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        Assert.Contains("field recordings", indexHtml, StringComparison.Ordinal);
        Assert.Contains("harbour at dawn.mp4", indexHtml, StringComparison.Ordinal);
        Assert.Contains("bars.mp4", indexHtml, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Count(indexHtml, "href=\"videos/video_[0-9a-f]+/report/\""));
        Assert.Contains("the Cuboid gateway", indexHtml, StringComparison.Ordinal);
        Assert.StartsWith("default-src 'none'", index.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal(2, reports.Count);
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Contains("<video", reportHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, reportJson.StatusCode);
        Assert.NotNull(reportNode["video"]);
        Assert.StartsWith("frames/", frameName, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, frame.StatusCode);
        Assert.Equal("image/jpeg", frame.Content.Headers.ContentType!.MediaType);
        Assert.Equal([0xFF, 0xD8], (await frame.Content.ReadAsByteArrayAsync())[..2]);
        Assert.NotEqual(HttpStatusCode.OK, notAFrame.StatusCode);
        Assert.StartsWith("../video/", videoHref, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, video.StatusCode);
        Assert.Equal("video/mp4", video.Content.Headers.ContentType!.MediaType);
        Assert.Contains((await video.Content.ReadAsByteArrayAsync()).Length, new[] { new FileInfo(first).Length, new FileInfo(second).Length });
        Assert.Equal(HttpStatusCode.NotFound, notAReportFile.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, climbed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherBatchsVideo.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }

    /// <summary>A structural batch of the given videos (file, name), finished; returns its id.</summary>
    internal static async Task<string> FinishedBatchAsync(HttpClient client, string name, params (string File, string Name)[] videos)
    {
        var created = await client.PostAsJsonAsync("/v1/batches", new { name, every = 1, offline = true });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (string)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!;
        foreach (var (file, videoName) in videos)
        {
            Assert.True((await client.PostAsync($"/v1/batches/{id}/videos", BatchesTests.Upload(file, videoName))).IsSuccessStatusCode);
        }

        await BatchesTests.WaitForBatchAsync(client, id, videos.Length);
        return id;
    }

    [GeneratedRegex("<video id=\"video\"[^>]* src=\"([^\"]+)\"")]
    private static partial Regex VideoSource();
}
