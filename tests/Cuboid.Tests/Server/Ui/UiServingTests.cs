using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Cuboid.Testing.Simulators;
using Cuboid.Testing.Video;

namespace Cuboid.Tests.Server.Ui;

/// <summary>
/// What the web UI is served with: the pages under a strict Content-Security-Policy and free of provider keys; the
/// analyses list; signed links that open a caller's own report and video without a bearer key, and nothing else.
/// </summary>
public sealed class UiServingTests(GatewaySimulatorFixture fixture) : IClassFixture<GatewaySimulatorFixture>
{
    private readonly ProviderSimulator _sim = fixture.Fresh();

    private static readonly string[] Assets =
        ["/ui/", "/ui/app.css", "/ui/favicon.svg", "/ui/js/app.js", "/ui/js/api.js", "/ui/js/dom.js", "/ui/js/charts.js", "/ui/js/jobs.js",
         "/ui/js/views/models.js", "/ui/js/views/videos.js", "/ui/js/views/analyses.js", "/ui/js/views/batches.js", "/ui/js/views/workers.js", "/ui/js/views/spend.js"];

    [Fact]
    public async Task The_root_opens_the_UI_whose_files_carry_a_strict_policy_and_no_provider_key()
    {
        using var host = new GatewayHost(_sim);
        var anonymous = host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var root = await anonymous.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, root.StatusCode);
        Assert.Equal("/ui/", root.Headers.Location!.OriginalString);
        foreach (var path in Assets)
        {
            var response = await anonymous.GetAsync(path);
            var text = await response.Content.ReadAsStringAsync();
            var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
            Assert.DoesNotContain(ProviderSimulator.DefaultApiKey, text, StringComparison.Ordinal);
        }

        var index = await anonymous.GetStringAsync("/ui/");
        Assert.DoesNotMatch(@"<script(?![^>]*\bsrc=)[^>]*>", index);
        Assert.DoesNotContain(" style=", index, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/ui/js/nothing.js")).StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, (await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/ui/app.css")
        {
            Headers = { IfNoneMatch = { EntityTagHeaderValue.Parse((await anonymous.GetAsync("/ui/app.css")).Headers.ETag!.Tag) } },
        })).StatusCode);
        foreach (var api in new[] { "/v1/models", "/v1/usage?group=key", "/v1/analyses", "/v1/videos" })
        {
            Assert.DoesNotContain(ProviderSimulator.DefaultApiKey, await host.Client().GetStringAsync(api), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_signed_link_opens_the_owners_report_chapters_and_video_without_a_key_and_nothing_else()
    {
        var video = await VideoBuilder.BuildAsync(new VideoRecipe { Seconds = 3, Audio = false });
        using var host = new GatewayHost(_sim);
        var keyId = "";
        var owner = host.Client(await KeysTests.CreateKeyAsync(host, new JsonObject { ["name"] = "owner" }));
        var other = host.Client(await KeysTests.CreateKeyAsync(host, []));
        var anonymous = host.Client(null);
        var id = await AnalyseAsync(owner, video);

        var links = JsonNode.Parse(await owner.GetStringAsync($"/v1/analyses/{id}/link"))!;
        var report = await anonymous.GetAsync((string)links["report"]!);
        var chapters = await anonymous.GetAsync((string)links["chapters"]!);
        using var range = new HttpRequestMessage(HttpMethod.Get, (string)links["video"]!) { Headers = { Range = new RangeHeaderValue(0, 99) } };
        var clip = await anonymous.SendAsync(range);
        var token = ((string)links["report"]!).Split('/')[3];
        var tampered = await anonymous.GetAsync(((string)links["report"]!).Replace(token, token[..^2] + (token[^2] == 'A' ? "BB" : "AA"), StringComparison.Ordinal));
        var wrongKind = await anonymous.GetAsync($"/ui/files/{token}/video.mp4");
        var foreign = await other.GetAsync($"/v1/analyses/{id}/link");
        var listed = JsonNode.Parse(await owner.GetStringAsync("/v1/analyses"))!["data"]!.AsArray();
        var listedToOther = JsonNode.Parse(await other.GetStringAsync("/v1/analyses"))!["data"]!.AsArray();
        foreach (var key in Cuboid.Server.Store.GatewayStore.Open(host.StoreFolder).Keys().Where(k => k.Name == "owner"))
        {
            keyId = key.Id;
        }

        await host.Client().DeleteAsync($"/admin/keys/{keyId}");
        var afterRevoke = await anonymous.GetAsync((string)links["report"]!);

        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Contains("<html", await report.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        // report.html is inline by design; its policy still lets it load nothing from elsewhere and connect nowhere.
        Assert.StartsWith("default-src 'none'", report.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("no-referrer", report.Headers.GetValues("Referrer-Policy").Single());
        Assert.StartsWith("WEBVTT", await chapters.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.PartialContent, clip.StatusCode);
        Assert.Equal(100, (await clip.Content.ReadAsByteArrayAsync()).Length);
        Assert.Equal(HttpStatusCode.Forbidden, tampered.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wrongKind.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(Path.GetFileName(video), (string)listed.Single()!["filename"]!);
        Assert.Empty(listedToOther);
        Assert.Equal(HttpStatusCode.Forbidden, afterRevoke.StatusCode);
    }

    [Fact]
    public async Task A_report_link_cannot_climb_out_of_the_report_folder()
    {
        var video = await VideoBuilder.BuildAsync(new VideoRecipe { Seconds = 2, Audio = false });
        using var host = new GatewayHost(_sim);
        var id = await AnalyseAsync(host.Client(), video);
        var report = (string)JsonNode.Parse(await host.Client().GetStringAsync($"/v1/analyses/{id}/link"))!["report"]!;

        var climbed = await host.Client(null).GetAsync(report + "..%2F..%2F..%2Fgateway.db");

        Assert.NotEqual(HttpStatusCode.OK, climbed.StatusCode);
    }

    [Fact]
    public void A_link_expires_and_a_link_signed_by_another_secret_is_refused()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        var links = Cuboid.Server.Ui.UiLinks.For("admin-secret", time);
        var token = links.Sign(Cuboid.Server.Ui.UiLinks.Video, "video_1", "key_1");

        var fresh = links.Verify(token);
        var elsewhere = Cuboid.Server.Ui.UiLinks.For("another-admin-secret", time).Verify(token);
        time.Advance(Cuboid.Server.Ui.UiLinks.Lifetime + TimeSpan.FromSeconds(1));
        var expired = links.Verify(token);

        Assert.Equal(new Cuboid.Server.Ui.UiLink("video", "video_1", "key_1", fresh!.ExpiresAt), fresh);
        Assert.Null(elsewhere);
        Assert.Null(expired);
        Assert.Null(links.Verify("not-a-token"));
    }

    /// <summary>Uploads a video for a structural analysis and waits for it to complete; returns its id.</summary>
    internal static async Task<string> AnalyseAsync(HttpClient client, string video)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(await File.ReadAllBytesAsync(video));
        file.Headers.ContentType = new MediaTypeHeaderValue("video/mp4");
        form.Add(file, "file", Path.GetFileName(video));
        form.Add(new StringContent("true"), "offline");
        var accepted = await client.PostAsync("/v1/analyses", form);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var id = (string)JsonNode.Parse(await accepted.Content.ReadAsStringAsync())!["id"]!;
        for (var i = 0; i < 1200; i++)
        {
            if ((string)JsonNode.Parse(await client.GetStringAsync($"/v1/analyses/{id}"))!["status"]! == "completed")
            {
                return id;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"analysis {id} did not finish");
    }
}
