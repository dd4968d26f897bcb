using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Cuboid.Testing.Simulators;
using Cuboid.Testing.Video;

namespace Cuboid.Tests.Server;

/// <summary>Understanding as a service: a real encoded video uploaded, analysed in the background, its report served; a non-video refused.</summary>
public sealed class AnalysesTests(GatewaySimulatorFixture fixture) : IClassFixture<GatewaySimulatorFixture>
{
    private readonly ProviderSimulator _sim = fixture.Fresh();

    internal static MultipartFormDataContent Upload(string path, params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(File.ReadAllBytes(path));
        file.Headers.ContentType = new MediaTypeHeaderValue("video/mp4");
        form.Add(file, "file", Path.GetFileName(path));
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        return form;
    }

    internal static async Task<JsonObject> WaitForEndAsync(HttpClient client, string id)
    {
        for (var i = 0; i < 1200; i++)
        {
            var analysis = JsonNode.Parse(await client.GetStringAsync($"/v1/analyses/{id}"))!.AsObject();
            if ((string)analysis["status"]! is "completed" or "failed")
            {
                return analysis;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"analysis {id} did not finish");
    }

    [Fact]
    public async Task An_uploaded_video_is_analysed_and_its_report_chapters_and_page_are_served()
    {
        var video = await VideoBuilder.BuildAsync(new VideoRecipe { Seconds = 6, Audio = false });
        using var host = new GatewayHost(_sim);
        var client = host.Client();

        var accepted = await client.PostAsync("/v1/analyses", Upload(video, ("offline", "true"), ("every", "2")));
        var id = (string)JsonNode.Parse(await accepted.Content.ReadAsStringAsync())!["id"]!;
        var done = await WaitForEndAsync(client, id);
        var page = await client.GetAsync($"/v1/analyses/{id}/report");
        var vtt = await client.GetStringAsync($"/v1/analyses/{id}/chapters.vtt");

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal("completed", (string)done["status"]!);
        Assert.Equal(1, (int)done["report"]!["schemaVersion"]!);
        Assert.True((double)done["report"]!["video"]!["durationSeconds"]! > 5.5);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<html", await page.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("WEBVTT", vtt, StringComparison.Ordinal);
        Assert.Empty(_sim.Calls);
    }

    [Fact]
    public async Task A_file_that_is_not_a_video_is_refused_with_one_clear_400_and_nothing_is_kept()
    {
        using var host = new GatewayHost(_sim);

        var response = await host.Client().PostAsync("/v1/analyses", Upload(VideoBuilder.TextFile("notes.mp4")));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("file", (string)body["error"]!["param"]!);
        Assert.Contains("not a video", (string)body["error"]!["message"]!, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", (string)body["error"]!["message"]!, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(host.StoreFolder, "analyses")) && Directory.EnumerateFileSystemEntries(Path.Combine(host.StoreFolder, "analyses")).Any());
    }

    [Fact]
    public async Task Another_key_cannot_see_an_analysis()
    {
        var video = await VideoBuilder.BuildAsync(new VideoRecipe { Seconds = 2, Audio = false });
        using var host = new GatewayHost(_sim);
        var owner = host.Client(await KeysTests.CreateKeyAsync(host, []));
        var other = host.Client(await KeysTests.CreateKeyAsync(host, []));

        var accepted = await owner.PostAsync("/v1/analyses", Upload(video, ("offline", "true")));
        var id = (string)JsonNode.Parse(await accepted.Content.ReadAsStringAsync())!["id"]!;

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/v1/analyses/{id}")).StatusCode);
        Assert.Equal("completed", (string)(await WaitForEndAsync(owner, id))["status"]!);
    }
}
