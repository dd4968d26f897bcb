using System.Diagnostics;
using System.Globalization;
using Cuboid.Portfolio;
using Cuboid.Server.Keys;
using Cuboid.Testing.Load;
using Cuboid.Testing.Simulators;

namespace Cuboid.Benchmarks.Server;

/// <summary>
/// <c>dotnet run -c Release --project bench/Cuboid.Benchmarks -- gateway-load [streams]</c>: that many streamed chat
/// requests at once (one virtual key each) through Cuboid's gateway on loopback, against the provider simulator with
/// injected faults (<see cref="LoadFaults"/>: 429s, 5xx, streams cut mid-way, first bytes slower than the call timeout)
/// on both models. Reports how every stream ended (complete, explicit error event, error status; silent stops and
/// hangs must be zero), wall time, the process's peak working set (gateway, simulator and clients together) and
/// whether the store's books match the usage each client was told.
/// </summary>
internal static class GatewayLoadRun
{
    public static async Task RunAsync(int streams)
    {
        var before = MachineConditions.Describe();
        await using var sim = await ProviderSimulator.StartAsync(new ProviderSimulatorOptions { LogPayloads = false });
        sim.Respond(r => $"Simulated answer from {r.Model} to: {r.LastUserText}");
        var slow = TimeSpan.FromSeconds(12);
        sim.Script("primary-model", LoadFaults.Mix(streams * 2, slow));
        sim.Script("backup-model", LoadFaults.Mix(streams, slow, seed: 15));
        IReadOnlyList<CatalogModel> models = [BenchGateway.Model("sim:primary-model", 1m, 4m, 90), BenchGateway.Model("sim:backup-model", 3m, 15m, 80)];
        await using var gateway = await BenchGateway.StartAsync(sim.BaseUri, models,
            // The burst's fast failures come back first: a breaker judging after 4 calls would open on them alone.
            new ResilienceSettings { MaxAttempts = 3, BaseDelaySeconds = 0.01, MaxDelaySeconds = 0.05, CallTimeoutSeconds = 10, BreakerMinimumThroughput = streams });
        var now = DateTimeOffset.UtcNow;
        var keys = Enumerable.Range(0, streams).Select(i => gateway.Store.CreateKey(new KeySpec { Name = $"load-{i}", Budget = 10m, Period = "total" }, now)).ToList();
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = Timeout.InfiniteTimeSpan };

        GC.Collect();
        using var memory = new PeakWorkingSet();
        var clock = Stopwatch.StartNew();
        var outcomes = await StreamedChatLoad.RunAsync(client, new Uri(gateway.BaseUri, "v1/chat/completions"), [.. keys.Select(k => k.Secret)], "auto", TimeSpan.FromMinutes(3));
        clock.Stop();
        var peak = await memory.StopAsync();

        var period = KeyPeriods.Start(KeyPeriod.Total, now);
        var mismatches = LoadLedgerCheck.Mismatches(outcomes,
            (model, input, output) => models.FirstOrDefault(m => m.Id == model) is { } known ? CallPricer.Price(known, input, output, 0, 0) : null,
            index => gateway.Store.SpentIn(keys[index].Key.Id, period));
        var booked = keys.Sum(k => gateway.Store.SpentIn(k.Key.Id, period));
        var reported = outcomes.Where(o => o.Ending == StreamEnding.Complete && o.HasUsage)
            .Sum(o => CallPricer.Price(models.First(m => m.Id == o.Model), o.PromptTokens, o.CompletionTokens, 0, 0));

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            | Streams | Complete | Error event | Error status | Silent stop | Hung | Wall s | Peak working set MB | Upstream calls | Ledger mismatches |
            |--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|
            | {streams} | {Count(StreamEnding.Complete)} | {Count(StreamEnding.ErrorEvent)} | {Count(StreamEnding.ErrorStatus)} | {Count(StreamEnding.SilentStop)} | {Count(StreamEnding.Hung)} | {clock.Elapsed.TotalSeconds:0.0} | {peak / 1048576.0:0} | {sim.CallCount()} | {mismatches.Count} |

            Booked in the store ${booked:0.######} over all keys; complete streams' reported usage priced ${reported:0.######} (the rest is what failed attempts and error-ended streams cost).
            Machine before: {before}; after: {MachineConditions.Describe()}.
            """));
        foreach (var line in mismatches.Take(10).Concat(outcomes.Where(o => o.Ending is StreamEnding.SilentStop or StreamEnding.Hung).Take(10).Select(o => $"request {o.Index}: {o.Ending} {o.Error}")))
        {
            Console.WriteLine(line);
        }

        int Count(StreamEnding ending) => outcomes.Count(o => o.Ending == ending);
    }
}
