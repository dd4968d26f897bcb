using System.Diagnostics;
using System.Globalization;
using System.Text;
using Cuboid.Portfolio;

namespace Cuboid.Benchmarks.Server;

/// <summary>
/// <c>dotnet run -c Release --project bench/Cuboid.Benchmarks -- gateway-overhead [requests] [--out FILE]</c>: the latency a
/// gateway adds to one chat completion. One <see cref="FastOpenAIUpstream"/> on loopback is called directly, through
/// Cuboid's gateway (a virtual key with a budget: key lookup, hold, routing, spend rows), through Cuboid's gateway
/// with the Prometheus exporter on, through Cuboid's gateway with the chat relay off (every call through the OpenAI SDK and
/// Microsoft.Extensions.AI, as before the relay), a bare .NET proxy (the second hop alone), and through Portkey's open-source gateway when it is installed
/// (<c>npm install --prefix bench/portkey</c>). After a warm-up, <c>requests</c> sequential rounds each send a block of
/// requests per target per mode (plain, streamed) in turn, each round starting at the next target, so drifts in the
/// machine's load and the order hit every target alike; the first request of a block is not recorded. The
/// added latency is the difference to the direct call at the same place in the same round; the table gives its median and p99, and the
/// markdown snippet (for docs/PERFORMANCE.md) is written to <c>--out</c> (default <c>gateway-overhead.md</c>).
/// </summary>
internal static class GatewayOverheadRun
{
    private static readonly string[] Modes = ["plain", "streamed"];

    /// <summary>Requests in a row to one target per round; all but the first are recorded.</summary>
    private const int BlockSize = 5;

    public static async Task RunAsync(int requests, string output)
    {
        var before = MachineConditions.Describe();
        await using var upstream = await FastOpenAIUpstream.StartAsync();
        var resilience = new ResilienceSettings { CallTimeoutSeconds = 10 };
        IReadOnlyList<CatalogModel> models = [BenchGateway.Model($"bench:{FastOpenAIUpstream.Model}", 0.15m, 0.6m, 90)];
        await using var cuboid = await BenchGateway.StartAsync(upstream.BaseUri, models, resilience);
        await using var cuboidMetrics = await BenchGateway.StartAsync(upstream.BaseUri, models, resilience,
            new Dictionary<string, string> { ["Cuboid:Telemetry:Metrics"] = "open" });
        // The same gateway with chat through the OpenAI SDK and Microsoft.Extensions.AI (the path before the relay).
        await using var cuboidSdk = await BenchGateway.StartAsync(upstream.BaseUri, models, resilience,
            new Dictionary<string, string> { ["Cuboid:RelayChat"] = "false" });
        await using var bare = await BareProxy.StartAsync(upstream.BaseUri);
        var portkeyScript = PortkeyGateway.FindServerScript();
        await using var portkey = portkeyScript is null ? null : await PortkeyGateway.StartAsync(portkeyScript);

        var direct = new OverheadTarget("direct", new Uri(upstream.BaseUri, "v1/chat/completions"), FastOpenAIUpstream.Model, new Dictionary<string, string>());
        List<OverheadTarget> targets =
        [
            direct,
            new OverheadTarget("bare .NET proxy", new Uri(bare.BaseUri, "v1/chat/completions"), FastOpenAIUpstream.Model, new Dictionary<string, string>()),
            Through("cuboid", cuboid, cuboid.CreateKey("bench")),
            Through("cuboid + /metrics", cuboidMetrics, cuboidMetrics.CreateKey("bench")),
            Through("cuboid, relay off (SDK path)", cuboidSdk, cuboidSdk.CreateKey("bench")),
        ];
        if (portkey is not null)
        {
            var headers = new Dictionary<string, string>(PortkeyGateway.Headers(upstream.BaseUri)) { ["Authorization"] = "Bearer sk-bench" };
            targets.Add(new OverheadTarget("portkey 1.15.2", new Uri(portkey.BaseUri, "v1/chat/completions"), FastOpenAIUpstream.Model, headers));
        }

        try
        {
            Console.WriteLine($"{requests} rounds; targets: {string.Join(", ", targets.Select(t => t.Name))}{(portkey is null ? " (Portkey not installed: npm install --prefix bench/portkey)" : "")}");
            for (var warmUp = 0; warmUp < Math.Max(50, requests / 10); warmUp++)
            {
                await RoundAsync(targets, warmUp, record: false);
            }

            var clock = Stopwatch.StartNew();
            for (var round = 0; round < requests; round++)
            {
                await RoundAsync(targets, round, record: true);
            }

            var after = MachineConditions.Describe();
            var table = Table(targets, direct);
            Console.WriteLine(table);
            var snippet = new StringBuilder()
                .AppendLine(CultureInfo.InvariantCulture, $"{requests} rounds of sequential requests per mode and target in blocks of {BlockSize} (the first of each block not recorded), interleaved ({clock.Elapsed.TotalSeconds:0} s), {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC.")
                .AppendLine(CultureInfo.InvariantCulture, $"Machine before: {before}; after: {after}.")
                .AppendLine()
                .Append(table)
                .ToString();
            await File.WriteAllTextAsync(output, snippet);
            Console.WriteLine($"written {Path.GetFullPath(output)}");
        }
        finally
        {
            targets.ForEach(t => t.Dispose());
        }
    }

    private static OverheadTarget Through(string name, BenchGateway gateway, string key) =>
        new(name, new Uri(gateway.BaseUri, "v1/chat/completions"), $"bench:{FastOpenAIUpstream.Model}", new Dictionary<string, string> { ["Authorization"] = $"Bearer {key}" });

    private static async Task RoundAsync(List<OverheadTarget> targets, int round, bool record)
    {
        // Each target gets a block of requests in a row and the block's first is not recorded: that one pays for waking
        // threads the previous target let sleep (a fixed order made whichever target followed the direct call look
        // 0.3 ms slower). The rest measure each target warm, as under steady traffic; blocks rotate to spread drift.
        var order = targets.Skip(round % targets.Count).Concat(targets.Take(round % targets.Count)).ToList();
        for (var mode = 0; mode < Modes.Length; mode++)
        {
            foreach (var target in order.Where(t => t.Failure[mode] is null))
            {
                for (var i = 0; i < BlockSize; i++)
                {
                    try
                    {
                        var elapsed = await TimeOneAsync(target, streamed: mode == 1);
                        if (record && i > 0)
                        {
                            target.Milliseconds[mode].Add(elapsed);
                        }
                    }
                    catch (InvalidOperationException ex) when (!record)
                    {
                        // A gateway that cannot serve a mode at all is reported as such, and the others are still measured.
                        target.Failure[mode] = ex.Message;
                        Console.WriteLine(ex.Message);
                        break;
                    }
                }
            }
        }
    }

    private static async Task<double> TimeOneAsync(OverheadTarget target, bool streamed)
    {
        var started = Stopwatch.GetTimestamp();
        await target.CompleteAsync(streamed);
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static string Table(List<OverheadTarget> targets, OverheadTarget direct)
    {
        var table = new StringBuilder()
            .AppendLine("| Mode | Target | p50 ms | p99 ms | Added p50 ms | Added p99 ms |")
            .AppendLine("|---|---|--:|--:|--:|--:|");
        for (var mode = 0; mode < Modes.Length; mode++)
        {
            foreach (var target in targets)
            {
                if (target.Failure[mode] is { } failure)
                {
                    table.AppendLine(CultureInfo.InvariantCulture, $"| {Modes[mode]} | {target.Name} | failed: {failure.ReplaceLineEndings(" ").Replace("|", "/", StringComparison.Ordinal)} | | | |");
                    continue;
                }

                var latencies = target.Milliseconds[mode];
                var added = Enumerable.Range(0, latencies.Count).Select(i => latencies[i] - direct.Milliseconds[mode][i]).ToList();
                table.AppendLine(CultureInfo.InvariantCulture,
                    $"| {Modes[mode]} | {target.Name} | {LatencySample.Percentile(latencies, 50):0.000} | {LatencySample.Percentile(latencies, 99):0.000} | {(target == direct ? "-" : LatencySample.Percentile(added, 50).ToString("0.000", CultureInfo.InvariantCulture))} | {(target == direct ? "-" : LatencySample.Percentile(added, 99).ToString("0.000", CultureInfo.InvariantCulture))} |");
            }
        }

        return table.ToString();
    }
}
