using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Cuboid.Testing.Simulators;
using Microsoft.Extensions.DependencyInjection;
using Cuboid.Testing.Video;

namespace Cuboid.Tests.Server.Batches;

/// <summary>
/// Batches in one process (the embedded default: steps on an in-memory queue): every video analysed through its steps
/// with each caption and transcript paid once, a file that is not a video refused without stopping the batch, and a
/// re-submitted video reusing its report without a single new provider call.
/// </summary>
public sealed class BatchesTests(GatewaySimulatorFixture fixture) : IClassFixture<GatewaySimulatorFixture>
{
    private readonly ProviderSimulator _sim = fixture.Fresh();

    internal static MultipartFormDataContent Upload(string path, string? name = null)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(File.ReadAllBytes(path));
        file.Headers.ContentType = new MediaTypeHeaderValue("video/mp4");
        form.Add(file, "file", name ?? Path.GetFileName(path));
        return form;
    }

    internal static async Task<JsonObject> WaitForBatchAsync(HttpClient client, string id, int expected)
    {
        for (var i = 0; i < 1200; i++)
        {
            var batch = JsonNode.Parse(await client.GetStringAsync($"/v1/batches/{id}"))!.AsObject();
            if ((int)batch["total"]! == expected && (string)batch["status"]! == "finished")
            {
                return batch;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"batch {id} did not finish");
    }

    [Fact]
    public async Task Every_video_of_a_batch_is_analysed_in_steps_paying_each_caption_and_transcript_once()
    {
        var first = await VideoBuilder.BuildAsync(new VideoRecipe { Seconds = 6 });
        var second = await VideoBuilder.BuildAsync(new VideoRecipe { Seconds = 4, Source = "smptebars" });
        using var host = new GatewayHost(_sim);
        var client = host.Client();

        var created = await client.PostAsJsonAsync("/v1/batches", new { name = "talks", every = 2 });
        var id = (string)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!;
        var a = await client.PostAsync($"/v1/batches/{id}/videos", Upload(first, "first talk.mp4"));
        var notVideo = await client.PostAsync($"/v1/batches/{id}/videos", Upload(VideoBuilder.TextFile("notes.mp4")));
        var b = await client.PostAsync($"/v1/batches/{id}/videos", Upload(second));
        var done = await WaitForBatchAsync(client, id, 2);
        var videos = done["videos"]!.AsArray();
        var reports = new List<JsonNode>();
        foreach (var video in videos)
        {
            reports.Add(JsonNode.Parse(await client.GetStringAsync($"/v1/batches/{id}/videos/{video!["id"]}/report.json"))!);
        }

        var page = await client.GetAsync($"/v1/batches/{id}/videos/{videos[0]!["id"]}/report");
        var captions = reports.Sum(r => r["samples"]!.AsArray().Count(s => s!["caption"] is not null));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, a.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, b.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notVideo.StatusCode);
        Assert.True((int)done["completed"]! == 2, done.ToJsonString());
        Assert.Equal(0, (int)done["failed"]!);
        Assert.Equal("first talk.mp4", (string)reports[0]["source"]!);
        Assert.All(reports, r => Assert.NotEmpty(r["samples"]!.AsArray()));
        Assert.All(reports, r => Assert.All(r["samples"]!.AsArray(), s => Assert.NotNull(s!["caption"])));
        Assert.All(reports, r => Assert.NotEmpty(r["transcript"]!.AsArray()));
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        // Captioned in the caption steps, served from the cache in the final step: one call per frame, one transcription per video.
        Assert.Equal(captions, _sim.Requests.Count(r => r.Model == GatewayHost.Primary));
        Assert.Equal(2, _sim.Requests.Count(r => r.Model == "whisper-1"));
        Assert.True((decimal)done["dollars"]! > 0);
    }

    [Fact]
    public async Task A_video_submitted_again_reuses_its_report_and_pays_nothing_twice()
    {
        var video = await VideoBuilder.BuildAsync(new VideoRecipe { Seconds = 4, Source = "rgbtestsrc" });
        using var host = new GatewayHost(_sim);
        var client = host.Client();
        var firstBatch = (string)JsonNode.Parse(await (await client.PostAsJsonAsync("/v1/batches", new { every = 2 })).Content.ReadAsStringAsync())!["id"]!;
        await client.PostAsync($"/v1/batches/{firstBatch}/videos", Upload(video));
        var first = await WaitForBatchAsync(client, firstBatch, 1);
        var callsAfterFirst = _sim.Calls.Count;

        var secondBatch = (string)JsonNode.Parse(await (await client.PostAsJsonAsync("/v1/batches", new { every = 2 })).Content.ReadAsStringAsync())!["id"]!;
        var again = await client.PostAsync($"/v1/batches/{secondBatch}/videos", Upload(video));
        var second = await WaitForBatchAsync(client, secondBatch, 1);
        var reused = second["videos"]![0]!;
        var report = await client.GetAsync($"/v1/batches/{secondBatch}/videos/{reused["id"]}/report.json");

        Assert.True(callsAfterFirst > 0);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal((string)first["videos"]![0]!["id"]!, (string)reused["reused_from"]!);
        Assert.Equal("completed", (string)reused["status"]!);
        Assert.Equal(0m, (decimal)second["dollars"]!);
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Equal(callsAfterFirst, _sim.Calls.Count);
    }

    [Fact]
    public async Task A_bad_batch_option_is_one_clear_400_and_another_keys_batch_is_not_found()
    {
        using var host = new GatewayHost(_sim);
        var client = host.Client();

        var badBudget = await client.PostAsJsonAsync("/v1/batches", new { budget = -1 });
        var unknown = await client.PostAsJsonAsync("/v1/batches", new { evry = 2 });
        var missing = await client.GetAsync("/v1/batches/batch_nope");

        Assert.Equal(HttpStatusCode.BadRequest, badBudget.StatusCode);
        Assert.Equal("budget", (string)JsonNode.Parse(await badBudget.Content.ReadAsStringAsync())!["error"]!["param"]!);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task A_step_that_fails_before_its_own_code_runs_ends_its_video_failed_with_the_reason_after_the_retries()
    {
        var video = await VideoBuilder.BuildAsync(new VideoRecipe { Seconds = 2 });
        // Every run of every step fails as Hangfire activates it, before the step could mark its video failed itself.
        using var host = new GatewayHost(_sim) { TestServices = s => s.AddTransient<Cuboid.Server.Batches.AnalysisSteps>(_ => throw new InvalidOperationException("steps cannot be built here")) };
        var client = host.Client();
        var id = (string)JsonNode.Parse(await (await client.PostAsJsonAsync("/v1/batches", new { every = 2 })).Content.ReadAsStringAsync())!["id"]!;
        await client.PostAsync($"/v1/batches/{id}/videos", Upload(video));

        var done = await WaitForBatchAsync(client, id, 1);

        Assert.Equal(1, (int)done["failed"]!);
        Assert.Equal("prepare: steps cannot be built here", (string)done["videos"]![0]!["error"]!);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(33)]
    public async Task A_caption_concurrency_outside_1_to_32_is_a_400(int concurrency)
    {
        using var host = new GatewayHost(_sim);
        var response = await host.Client().PostAsJsonAsync("/v1/batches", new { concurrency });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("concurrency", (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!["param"]!);
    }

    [Fact]
    public async Task A_batch_keeps_its_caption_concurrency_and_defaults_to_4()
    {
        using var host = new GatewayHost(_sim);
        var client = host.Client();

        var chosen = JsonNode.Parse(await (await client.PostAsJsonAsync("/v1/batches", new { concurrency = 12 })).Content.ReadAsStringAsync())!;
        var plain = JsonNode.Parse(await (await client.PostAsJsonAsync("/v1/batches", new { every = 2 })).Content.ReadAsStringAsync())!;

        Assert.Equal(12, (int)chosen["options"]!["concurrency"]!);
        Assert.Equal(4, (int)plain["options"]!["concurrency"]!);
    }
}
