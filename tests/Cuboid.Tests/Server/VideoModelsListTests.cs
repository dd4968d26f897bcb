using System.Net;
using System.Text.Json.Nodes;
using Cuboid.Testing.Generation;
using Cuboid.Testing.Simulators;

namespace Cuboid.Tests.Server;

/// <summary><c>GET /v1/models</c> lists the video catalog's models too, per video task, with their price per second and whether a host here can run them.</summary>
public sealed class VideoModelsListTests : IClassFixture<GatewaySimulatorFixture>, IAsyncLifetime
{
    private readonly ProviderSimulator _sim;
    private VideoHostSimulator _videoSim = null!;

    public VideoModelsListTests(GatewaySimulatorFixture fixture) => _sim = fixture.Fresh();

    public async Task InitializeAsync() => _videoSim = await VideoHostSimulator.StartAsync();

    public async Task DisposeAsync() => await _videoSim.DisposeAsync();

    [Fact]
    public async Task Video_models_are_listed_per_task_with_ratings_prices_and_usability_and_follow_key_limits()
    {
        using var host = new GatewayHost(_sim, videoSim: _videoSim);
        var chatOnly = host.Client(await KeysTests.CreateKeyAsync(host, new JsonObject { ["tasks"] = new JsonArray("chat") }));

        var t2v = JsonNode.Parse(await host.Client().GetStringAsync("/v1/models?task=t2v"))!["data"]!.AsArray();
        var all = JsonNode.Parse(await host.Client().GetStringAsync("/v1/models"))!["data"]!.AsArray();
        var limited = JsonNode.Parse(await chatOnly.GetStringAsync("/v1/models"))!["data"]!.AsArray();
        var unknown = await host.Client().GetAsync("/v1/models?task=t3v");

        var alpha = t2v.Single(m => (string)m!["id"]! == "test:alpha")!;
        Assert.Equal("model", (string)alpha["object"]!);
        Assert.True((bool)alpha["cuboid"]!["usable"]!);
        Assert.Equal(1200, (double)alpha["cuboid"]!["ratings"]!["t2v"]!["rating"]!);
        Assert.True((decimal)alpha["cuboid"]!["prices"]!["per_output_video_second"]! > 0);
        Assert.DoesNotContain(t2v, m => (string)m!["id"]! == "test:gamma"); // an i2v model only
        Assert.Contains(all, m => (string)m!["id"]! == "test:gamma");
        Assert.Contains(all, m => (string)m!["id"]! == "sim:primary-model");
        Assert.DoesNotContain(limited, m => ((JsonArray)m!["cuboid"]!["tasks"]!).Any(t => (string)t! == "t2v"));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }
}
