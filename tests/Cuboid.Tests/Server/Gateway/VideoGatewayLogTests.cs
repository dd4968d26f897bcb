using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Cuboid.Testing.Generation;
using Cuboid.Testing.Simulators;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Cuboid.Tests.Server.Gateway;

/// <summary>The jobs the gateway runs log through the host's logging, and the logs hold no key.</summary>
public sealed class VideoGatewayLogTests(GatewaySimulatorFixture fixture) : IClassFixture<GatewaySimulatorFixture>
{
    private readonly ProviderSimulator _sim = fixture.Fresh();

    [Fact]
    public async Task A_server_run_jobs_state_changes_reach_the_hosts_logs_without_a_key()
    {
        await using var videoSim = await VideoHostSimulator.StartAsync();
        var collector = new FakeLogCollector();
        using var host = new GatewayHost(_sim, videoSim: videoSim)
        {
            TestServices = services => services.AddLogging(l => l
                .AddProvider(new FakeLoggerProvider(collector))
                .AddFilter<FakeLoggerProvider>("Cuboid", LogLevel.Debug)),
        };

        var created = await host.Client().PostAsJsonAsync("/v1/videos", new JsonObject { ["prompt"] = "a lighthouse at dusk", ["seconds"] = "2", ["size"] = "160x90" });
        created.EnsureSuccessStatusCode();
        var id = (string)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!;
        var finished = await VideosTests.WaitForEndAsync(host.Client(), id);

        Assert.Equal("completed", (string)finished["status"]!);
        var saved = collector.GetSnapshot().Where(r => r.Id.Id == 1300).Select(r => r.Message).ToList();
        Assert.Contains(saved, m => m.Contains(": running (", StringComparison.Ordinal));
        Assert.Contains(saved, m => m.Contains(": succeeded (", StringComparison.Ordinal));
        Assert.All(collector.GetSnapshot(), r =>
        {
            Assert.DoesNotContain(videoSim.ApiKey, r.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(GatewayHost.AdminKey, r.Message, StringComparison.Ordinal);
        });
    }
}
