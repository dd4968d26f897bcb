using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Cuboid.Portfolio;
using Cuboid.Server.Gateway;
using Cuboid.Server.Keys;
using Cuboid.Server.OpenAI;
using Cuboid.Server.Store;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Cuboid.Benchmarks.Server;

/// <summary>
/// <c>dotnet run -c Release --project bench/Cuboid.Benchmarks -- gateway-profile [requests] [--out FILE]</c>: where the
/// gateway's time per chat completion goes, in CPU time (user + sys of the whole process, which holds the client, the
/// gateway and the upstream), which a busy machine inflates far less than wall time. Each step is timed alone, in
/// <c>requests</c> iterations, in rounds that take turns so drifts in load hit every step alike; the table gives the median
/// over rounds of the CPU microseconds per iteration. Steps: a direct call to <see cref="FastOpenAIUpstream"/> and the same
/// through the gateway (plain and streamed), then the gateway's parts: the key lookup (SHA-256 and the store, then the
/// cache), the hold and the settle on the SQLite store, reading the request, the routed call through the library to the
/// same upstream (planning, budget, Polly, the OpenAI SDK and HTTP), and writing the answer.
/// </summary>
internal static class GatewayProfileRun
{
    private const int Rounds = 7;

    private const string Body = """{"model":"bench:fast-model","messages":[{"role":"user","content":"Say hello."}],"max_tokens":50}""";

    public static async Task RunAsync(int requests, string output)
    {
        var before = MachineConditions.Describe();
        await using var upstream = await FastOpenAIUpstream.StartAsync();
        IReadOnlyList<CatalogModel> models = [BenchGateway.Model($"bench:{FastOpenAIUpstream.Model}", 0.15m, 0.6m, 90)];
        await using var gateway = await BenchGateway.StartAsync(upstream.BaseUri, models, new ResilienceSettings { CallTimeoutSeconds = 10 });
        var secret = gateway.CreateKey("profile");
        var store = gateway.Store;
        var key = store.FindByHash(KeySecrets.Hash(secret))!;
        var verified = gateway.Services.GetRequiredService<VerifiedKeyCache>();
        var gatewayModels = gateway.Services.GetRequiredService<GatewayModels>();
        var direct = new OverheadTarget("direct", new Uri(upstream.BaseUri, "v1/chat/completions"), FastOpenAIUpstream.Model, new Dictionary<string, string>());
        var through = new OverheadTarget("cuboid", new Uri(gateway.BaseUri, "v1/chat/completions"), $"bench:{FastOpenAIUpstream.Model}",
            new Dictionary<string, string> { ["Authorization"] = $"Bearer {secret}" });
        var day = DateOnly.FromDateTime(DateTime.UtcNow);
        var messages = new List<ChatMessage> { new(ChatRole.User, "Say hello.") };
        var options = new ChatOptions { MaxOutputTokens = 50, ModelId = $"bench:{FastOpenAIUpstream.Model}" };
        var answer = new ChatResponse(new ChatMessage(ChatRole.Assistant, "Hello from the fast upstream.")) { FinishReason = ChatFinishReason.Stop };
        var usage = new UsageRecord { Task = "chat", Provider = "bench", ModelId = $"bench:{FastOpenAIUpstream.Model}", InputTokens = 12, OutputTokens = 7 };

        (string Name, Func<Task> Step)[] steps =
        [
            ("direct call, plain", () => direct.CompleteAsync(streamed: false)),
            ("direct call, streamed", () => direct.CompleteAsync(streamed: true)),
            ("through the gateway, plain", () => through.CompleteAsync(streamed: false)),
            ("through the gateway, streamed", () => through.CompleteAsync(streamed: true)),
            ("key lookup: SHA-256 + store query", () => Sync(() => store.FindByHash(KeySecrets.Hash(secret)))),
            ("key lookup: SHA-256 + verified-key cache", () => Sync(() => verified.Find(KeySecrets.Hash(secret)))),
            ("hold + settle (SQLite, one spend row)", () => Sync(() =>
            {
                var now = DateTimeOffset.UtcNow;
                var hold = store.TryHold(key.Id, day, 1_000_000m, 0.0001m, now, now.AddHours(1));
                store.Settle(hold.HoldId, key.Id, day, [new SpendEntry(now, "chat", $"bench:{FastOpenAIUpstream.Model}", 12, 7, 0.0000060m)]);
            })),
            ("read the request (JSON + SDK messages)", () => Sync(() => ChatCompletionReader.Read(JsonDocument.Parse(Body).RootElement))),
            ("routed call through the library (HTTP to the upstream)", async () =>
            {
                var run = gatewayModels.BeginRun(1m);
                await GatewayModels.ChatClient(run, "chat").GetResponseAsync(messages, options);
            }),
            ("write the answer (JSON)", () => Sync(() => ChatCompletionJson.Serialize(ChatCompletionJson.Completion("chatcmpl-x", 1, "bench:fast-model", answer, usage)))),
        ];

        Console.WriteLine($"{requests} iterations per step, {Rounds} rounds");
        var perStep = steps.Select(_ => new List<double>()).ToArray();
        for (var round = -1; round < Rounds; round++)
        {
            for (var i = 0; i < steps.Length; i++)
            {
                var cpu = await CpuMicrosecondsAsync(steps[i].Step, round < 0 ? Math.Max(50, requests / 5) : requests);
                if (round >= 0)
                {
                    perStep[i].Add(cpu);
                }
            }
        }

        var table = new StringBuilder()
            .AppendLine("| Step | CPU µs per call (median of rounds) | min | max |")
            .AppendLine("|---|--:|--:|--:|");
        for (var i = 0; i < steps.Length; i++)
        {
            table.AppendLine(CultureInfo.InvariantCulture, $"| {steps[i].Name} | {LatencySample.Percentile(perStep[i], 50):0.0} | {perStep[i].Min():0.0} | {perStep[i].Max():0.0} |");
        }

        var after = MachineConditions.Describe();
        var snippet = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"{requests} iterations per step, {Rounds} rounds, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC. Machine before: {before}; after: {after}.")
            .AppendLine()
            .Append(table)
            .ToString();
        Console.WriteLine(snippet);
        await File.WriteAllTextAsync(output, snippet);
        direct.Dispose();
        through.Dispose();
    }

    private static Task Sync(Action step)
    {
        step();
        return Task.CompletedTask;
    }

    /// <summary>The process's CPU time (user + sys) per iteration of <paramref name="step"/>, in microseconds.</summary>
    private static async Task<double> CpuMicrosecondsAsync(Func<Task> step, int iterations)
    {
        using var process = Process.GetCurrentProcess();
        var start = process.TotalProcessorTime;
        for (var i = 0; i < iterations; i++)
        {
            await step();
        }

        process.Refresh();
        return (process.TotalProcessorTime - start).TotalMicroseconds / iterations;
    }
}
