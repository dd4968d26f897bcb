using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using System.Text.Json.Nodes;
using Cuboid.Server.Keys;
using Cuboid.Server.Store;
using Cuboid.Testing.Generation;
using Cuboid.Testing.Simulators;
using OpenAI;

namespace Cuboid.Tests.Server;

/// <summary>
/// The OpenAI Videos surface against the video-host simulator: a job is started, followed in the background to a
/// downloaded and checked MP4, served, listed per key, deleted; its cost settles the key's budget.
/// </summary>
public sealed class VideosTests : IClassFixture<GatewaySimulatorFixture>, IAsyncLifetime
{
    private readonly ProviderSimulator _sim;
    private VideoHostSimulator _videoSim = null!;

    public VideosTests(GatewaySimulatorFixture fixture) => _sim = fixture.Fresh();

    public async Task InitializeAsync() => _videoSim = await VideoHostSimulator.StartAsync();

    public async Task DisposeAsync() => await _videoSim.DisposeAsync();

    internal static async Task<JsonObject> WaitForEndAsync(HttpClient client, string id)
    {
        for (var i = 0; i < 600; i++)
        {
            var job = JsonNode.Parse(await client.GetStringAsync($"/v1/videos/{id}"))!.AsObject();
            if ((string)job["status"]! is "completed" or "failed" or "cancelled" or "expired")
            {
                return job;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"video {id} did not finish");
    }

    [Fact]
    public async Task The_official_SDK_creates_a_video_that_is_followed_to_a_checked_MP4_then_deleted()
    {
        using var host = new GatewayHost(_sim, videoSim: _videoSim);
        var sdk = new OpenAIClient(new ApiKeyCredential(GatewayHost.AdminKey), new OpenAIClientOptions
        {
            Endpoint = new Uri(host.Server.BaseAddress, "v1"),
            Transport = new HttpClientPipelineTransport(host.CreateClient()),
        }).GetVideoClient();
        var body = new JsonObject { ["prompt"] = "a lighthouse at dusk", ["seconds"] = "2", ["size"] = "160x90" };

        var created = JsonNode.Parse((await sdk.CreateVideoAsync(BinaryContent.Create(BinaryData.FromString(body.ToJsonString())), "application/json")).GetRawResponse().Content)!;
        var id = (string)created["id"]!;
        var finished = await WaitForEndAsync(host.Client(), id);
        var fetched = JsonNode.Parse((await sdk.GetVideoAsync(id)).GetRawResponse().Content)!;
        var mp4 = await host.Client().GetByteArrayAsync($"/v1/videos/{id}/content");
        var listed = JsonNode.Parse(await host.Client().GetStringAsync("/v1/videos"))!["data"]!.AsArray();
        var deleted = JsonNode.Parse((await sdk.DeleteVideoAsync(id)).GetRawResponse().Content)!;
        var after = await host.Client().GetAsync($"/v1/videos/{id}");

        Assert.Equal("video", (string)created["object"]!);
        Assert.Contains((string)created["status"]!, new[] { "queued", "in_progress" });
        Assert.Equal("completed", (string)finished["status"]!);
        Assert.Equal(100, (int)finished["progress"]!);
        Assert.Equal("completed", (string)fetched["status"]!);
        Assert.Equal("test:alpha", (string)fetched["model"]!);
        Assert.Equal("ftyp", System.Text.Encoding.ASCII.GetString(mp4, 4, 4));
        Assert.Contains(listed, v => (string)v!["id"]! == id);
        Assert.True((bool)deleted["deleted"]!);
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
    }

    [Fact]
    public async Task A_key_sees_only_its_own_videos_and_pays_what_its_video_cost()
    {
        using var host = new GatewayHost(_sim, videoSim: _videoSim);
        var secret = await KeysTests.CreateKeyAsync(host, new JsonObject { ["budget"] = 5, ["period"] = "total" });
        var other = await KeysTests.CreateKeyAsync(host, []);
        var client = host.Client(secret);

        var (created, job) = await ServerJson.PostAsync(client, "/v1/videos", new JsonObject { ["prompt"] = "waves", ["seconds"] = 2, ["resolution"] = "90p" });
        var id = (string)job["id"]!;
        var finished = await WaitForEndAsync(client, id);
        var foreign = await host.Client(other).GetAsync($"/v1/videos/{id}");
        var foreignList = JsonNode.Parse(await host.Client(other).GetStringAsync("/v1/videos"))!["data"]!.AsArray();

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal("completed", (string)finished["status"]!);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Empty(foreignList);
        var store = GatewayStore.Open(host.StoreFolder);
        var key = store.Keys().First(k => k.Budget == 5);
        var actual = (decimal)finished["cuboid"]!["actual_cost"]!;
        Assert.True(actual > 0);
        // The follower books the cost just after the job reads completed; give it a moment.
        for (var i = 0; i < 100 && store.SpentIn(key.Id, KeyPeriods.Start(KeyPeriod.Total, DateTimeOffset.UtcNow)) == 0; i++)
        {
            await Task.Delay(20);
        }

        Assert.Equal(actual, store.SpentIn(key.Id, KeyPeriods.Start(KeyPeriod.Total, DateTimeOffset.UtcNow)));
    }

    [Fact]
    public async Task A_video_over_the_key_budget_is_refused_before_any_host_is_asked()
    {
        using var host = new GatewayHost(_sim, videoSim: _videoSim);
        var client = host.Client(await KeysTests.CreateKeyAsync(host, new JsonObject { ["budget"] = 0.01 }));

        var (response, body) = await ServerJson.PostAsync(client, "/v1/videos", new JsonObject { ["prompt"] = "waves", ["seconds"] = 2, ["resolution"] = "90p" });

        Assert.Equal(HttpStatusCode.PaymentRequired, response.StatusCode);
        Assert.Equal("budget_exceeded", ServerJson.ErrorCode(body));
        Assert.Equal(0, _videoSim.CreateCount(host.VideoModelPrefix + "alpha-rep") + _videoSim.CreateCount(host.VideoModelPrefix + "alpha-fal"));
    }

    [Fact]
    public async Task Content_before_the_video_is_done_and_a_video_without_a_prompt_are_400s()
    {
        _videoSim.PollsToFinish = 1000;
        using var host = new GatewayHost(_sim, videoSim: _videoSim);
        var client = host.Client();

        var (_, job) = await ServerJson.PostAsync(client, "/v1/videos", new JsonObject { ["prompt"] = "slow", ["seconds"] = 2, ["resolution"] = "90p" });
        var early = await client.GetAsync($"/v1/videos/{(string)job["id"]!}/content");
        var (noPrompt, body) = await ServerJson.PostAsync(client, "/v1/videos", new JsonObject { ["seconds"] = 2 });

        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noPrompt.StatusCode);
        Assert.Equal("prompt", (string)body["error"]!["param"]!);
    }
}
