using Cuboid.Portfolio;
using Cuboid.Server.Keys;
using Cuboid.Server.Store;
using Cuboid.Testing.Load;
using Cuboid.Testing.Simulators;
using Microsoft.Extensions.DependencyInjection;

namespace Cuboid.Tests.Server;

/// <summary>
/// 200 streamed chat requests at once through the gateway against a simulator injecting 429s, 5xx, streams cut mid-way
/// and slow first bytes: each ends in a complete answer or an explicit error, none hangs or stops silently, and the
/// store charged every complete stream's key exactly the usage its client was told. (The 1,000-stream version with
/// timings and memory is the <c>gateway-load</c> bench.)
/// </summary>
public sealed class StreamingLoadTests(GatewaySimulatorFixture fixture) : IClassFixture<GatewaySimulatorFixture>
{
    private const int Requests = 200;

    private readonly ProviderSimulator _sim = fixture.Fresh();

    [Fact]
    public async Task Every_stream_ends_complete_or_with_an_explicit_error_and_the_books_match_the_usage_reported()
    {
        _sim.Script(GatewayHost.Primary, LoadFaults.Mix(Requests * 2, TimeSpan.FromSeconds(12)));
        _sim.Script(GatewayHost.Backup, LoadFaults.Mix(Requests, TimeSpan.FromSeconds(12), seed: 15));
        // A burst's fast failures (429, 5xx) come back before its successes: with the default minimum throughput the
        // breakers would open on them alone and the run would test only "circuit open" errors.
        using var host = new GatewayHost(_sim, resilience: new ResilienceSettings
        {
            MaxAttempts = 3, BaseDelaySeconds = 0.01, MaxDelaySeconds = 0.05, CallTimeoutSeconds = 10, BreakerMinimumThroughput = Requests,
        });
        var store = host.Services.GetRequiredService<IGatewayStore>();
        var now = DateTimeOffset.UtcNow;
        var keys = Enumerable.Range(0, Requests).Select(i => store.CreateKey(new KeySpec { Name = $"load-{i}", Budget = 10m, Period = "total" }, now)).ToList();
        using var client = host.CreateClient();

        var outcomes = await StreamedChatLoad.RunAsync(client, new Uri(client.BaseAddress!, "v1/chat/completions"), [.. keys.Select(k => k.Secret)], "auto", TimeSpan.FromMinutes(2));

        Assert.Equal(Requests, outcomes.Count);
        Assert.All(outcomes, o => Assert.True(o.Ending is StreamEnding.Complete or StreamEnding.ErrorEvent or StreamEnding.ErrorStatus, $"request {o.Index} ended {o.Ending} (status {o.Status}): {o.Error}"));
        Assert.Contains(outcomes, o => o.Ending == StreamEnding.Complete);
        Assert.All(outcomes.Where(o => o.Ending == StreamEnding.Complete), o =>
            Assert.Equal($"Simulated answer from {o.Model!.Split(':')[1]} to: load request {o.Index}", o.Text));
        var period = KeyPeriods.Start(KeyPeriod.Total, now);
        // A stream's spend is settled just after its last byte went out, so the books may trail the client by moments.
        var mismatches = Mismatches();
        for (var wait = 0; mismatches.Count > 0 && wait < 50; wait++)
        {
            await Task.Delay(100);
            mismatches = Mismatches();
        }

        Assert.Empty(mismatches);

        List<string> Mismatches() => [.. LoadLedgerCheck.Mismatches(outcomes,
            (model, input, output) => host.Models.Catalog.Models.FirstOrDefault(m => m.Id == model) is { } known ? CallPricer.Price(known, input, output, 0, 0) : null,
            index => store.SpentIn(keys[index].Key.Id, period))];
    }
}
