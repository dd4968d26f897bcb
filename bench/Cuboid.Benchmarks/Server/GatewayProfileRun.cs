using System.Diagnostics;
using System.Globalization;
using System.IO.Pipelines;
using System.Runtime.InteropServices;
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
/// gateway and the upstream) for the calls over HTTP, and the calling thread's own CPU time for the gateway's parts
/// (synchronous, so other threads' spinning and collections stay out), which a busy machine inflates far less than wall time. Each step is timed alone, in
/// <c>requests</c> iterations, in rounds that take turns so drifts in load hit every step alike; the table gives the median
/// over rounds of the CPU microseconds per iteration. Steps: a direct call to <see cref="FastOpenAIUpstream"/> and the same
/// through the gateway (plain and streamed), then the gateway's parts: the key lookup (SHA-256 and the store, then the
/// cache), the hold and the settle on the SQLite store, reading the request, the routed call through the library to the
/// same upstream (planning, budget, Polly, the OpenAI SDK and HTTP), plain and streamed, and writing the answer and a
/// stream's chunks. <c>--step TEXT</c> runs only the steps whose name contains it (to trace one alone with <c>dotnet-trace</c>).
/// </summary>
internal static partial class GatewayProfileRun
{
    private const int ThreadCpuClock = 3; // CLOCK_THREAD_CPUTIME_ID
    private const int Rounds = 7;

    private const string Body = """{"model":"bench:fast-model","messages":[{"role":"user","content":"Say hello."}],"max_tokens":50}""";

    public static async Task RunAsync(int requests, string output, string? only = null)
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
        var calls = 0;
        var usage = new UsageRecord { Task = "chat", Provider = "bench", ModelId = $"bench:{FastOpenAIUpstream.Model}", InputTokens = 12, OutputTokens = 7 };
        var sink = PipeWriter.Create(Stream.Null);

        (string Name, bool OnThread, Func<Task> Step)[] steps =
        [
            ("direct call, plain", false, () => direct.CompleteAsync(streamed: false)),
            ("direct call, streamed", false, () => direct.CompleteAsync(streamed: true)),
            ("through the gateway, plain", false, () => through.CompleteAsync(streamed: false)),
            ("through the gateway, streamed", false, () => through.CompleteAsync(streamed: true)),
            ("key lookup: SHA-256 + store query", true, () => Sync(() => store.FindByHash(KeySecrets.Hash(secret)))),
            ("key lookup: SHA-256 + verified-key cache", true, () => Sync(() => verified.Find(KeySecrets.Hash(secret)))),
            ("hold + settle (SQLite, one spend row; the file written by a timer)", true, () => Sync(() => HoldAndSettle(store, key.Id, day))),
            ("hold + settle, and every 10th call writes the 10 to the file (SQLite)", true, () => Sync(() =>
            {
                HoldAndSettle(store, key.Id, day);
                if (++calls % 10 == 0)
                {
                    ((GatewayStore)store).FlushPendingSettles();
                }
            })),
            ("plan + estimate the request (the endpoint does it once per call; the routed client did it again before)", true, () => Sync(() =>
                gatewayModels.Plan("chat", options.ModelId, RequestEstimate.ForChat(messages, options, gatewayModels.DefaultOutputTokens)))),
            ("routed call through the library, the endpoint's plan handed down (HTTP to the upstream)", false, async () =>
            {
                var run = gatewayModels.BeginRun(1m);
                await GatewayModels.ChatClient(run, "chat").GetResponseAsync(messages, Planned(gatewayModels, messages, options));
            }),
            ("read the request (JSON + SDK messages)", true, () => Sync(() => ChatCompletionReader.Read(JsonDocument.Parse(Body).RootElement))),
            ("routed call through the library (HTTP to the upstream)", false, async () =>
            {
                var run = gatewayModels.BeginRun(1m);
                await GatewayModels.ChatClient(run, "chat").GetResponseAsync(messages, options);
            }),
            ("routed call through the library, streamed (HTTP to the upstream)", false, async () =>
            {
                var run = gatewayModels.BeginRun(1m);
                await foreach (var update in GatewayModels.ChatClient(run, "chat").GetStreamingResponseAsync(messages, options))
                {
                    _ = update.Text;
                }
            }),
            ("a stream's idle deadline over 6 reads, as before: a timer re-armed twice per read", true, RearmedDeadlineAsync),
            ("a stream's idle deadline over 6 reads, now: one watchdog per stream (OpenStream)", true, WatchedDeadlineAsync),
            ("write the answer (JSON)", true, () => Sync(() => ChatCompletionJson.Serialize(ChatCompletionJson.Completion("chatcmpl-x", 1, "bench:fast-model", answer, usage)))),
            ("write a stream: 4 text chunks, finish, usage, [DONE] (JSON + SSE, a flush per text chunk)", true, () => WriteStreamAsync(sink, usage)),
        ];

        if (only is not null)
        {
            steps = [.. steps.Where(s => s.Name.Contains(only, StringComparison.OrdinalIgnoreCase))];
        }

        Console.WriteLine($"{requests} iterations per step, {Rounds} rounds");
        var perStep = steps.Select(_ => new List<double>()).ToArray();
        for (var round = -1; round < Rounds; round++)
        {
            for (var i = 0; i < steps.Length; i++)
            {
                // Calls over HTTP run on several threads: the process's CPU time; the gateway's parts run on this one: its own.
                var iterations = round < 0 ? Math.Max(50, requests / 5) : requests;
                var cpu = steps[i].OnThread ? await ThreadCpuMicrosecondsAsync(steps[i].Step, iterations) : await CpuMicrosecondsAsync(steps[i].Step, iterations);
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
            table.AppendLine(CultureInfo.InvariantCulture, $"| {steps[i].Name}{(steps[i].OnThread ? " (thread)" : " (process)")} | {LatencySample.Percentile(perStep[i], 50):0.0} | {perStep[i].Min():0.0} | {perStep[i].Max():0.0} |");
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

    private static readonly ChatResponseUpdate[] SixUpdates = [.. Enumerable.Range(0, 6).Select(i => new ChatResponseUpdate(ChatRole.Assistant, "part"))];

    /// <summary>What <see cref="OpenStream{T}"/> did until 2026-12-06: its tokens, and per read arm the idle timer, read, disarm it (the reads here complete at once).</summary>
    private static async Task RearmedDeadlineAsync()
    {
        using var idle = new CancellationTokenSource(Timeout.InfiniteTimeSpan, TimeProvider.System);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(CancellationToken.None, idle.Token);
        await using var updates = Immediate(SixUpdates).GetAsyncEnumerator(linked.Token);
        while (true)
        {
            idle.CancelAfter(TimeSpan.FromSeconds(10));
            var more = await updates.MoveNextAsync();
            idle.CancelAfter(Timeout.InfiniteTimeSpan);
            if (!more)
            {
                break;
            }
        }
    }

    /// <summary>The same six reads through <see cref="OpenStream{T}"/>'s watchdog.</summary>
    private static async Task WatchedDeadlineAsync()
    {
        await using var stream = new OpenStream<Microsoft.Extensions.AI.ChatResponseUpdate>(TimeProvider.System, CancellationToken.None);
        stream.Attach(Immediate(SixUpdates).GetAsyncEnumerator());
        while (await stream.NextAsync(TimeSpan.FromSeconds(10)) is not null)
        {
        }
    }

    private static async IAsyncEnumerable<ChatResponseUpdate> Immediate(ChatResponseUpdate[] updates)
    {
        await Task.CompletedTask;
        foreach (var update in updates)
        {
            yield return update;
        }
    }

    /// <summary>The options as the endpoint hands them to the routed client: with the plan it made for the key's hold.</summary>
    private static ChatOptions Planned(GatewayModels models, List<ChatMessage> messages, ChatOptions options)
    {
        var plan = models.Plan("chat", options.ModelId, RequestEstimate.ForChat(messages, options, models.DefaultOutputTokens));
        return new PlannedCall(GatewayModels.ConstraintsFor(options.ModelId), plan).AddTo(options.Clone());
    }

    private static readonly string[] ChunkTexts = ["Hello", " from the", " fast", " upstream."];

    /// <summary>The chunks the endpoint writes for the upstream's stream, each flushed as the endpoint does when the upstream has no next update in hand.</summary>
    private static async Task WriteStreamAsync(PipeWriter sink, UsageRecord usage)
    {
        using var sse = new SseWriter(sink);
        for (var i = 0; i < ChunkTexts.Length; i++)
        {
            ChatCompletionJson.WriteChunk(sse.StartData(), "chatcmpl-x", 1, "bench:fast-model", i == 0 ? "assistant" : null, ChunkTexts[i], null);
            sse.EndData();
            await sse.FlushAsync(CancellationToken.None);
        }

        ChatCompletionJson.WriteChunk(sse.StartData(), "chatcmpl-x", 1, "bench:fast-model", null, null, "stop");
        sse.EndData();
        ChatCompletionJson.WriteUsageChunk(sse.StartData(), "chatcmpl-x", 1, "bench:fast-model", usage);
        sse.EndData();
        sse.Done();
        await sse.FlushAsync(CancellationToken.None);
    }

    private static void HoldAndSettle(IGatewayStore store, string keyId, DateOnly day)
    {
        var now = DateTimeOffset.UtcNow;
        var hold = store.TryHold(keyId, day, 1_000_000m, 0.0001m, now, now.AddHours(1));
        store.Settle(hold.HoldId, keyId, day, [new SpendEntry(now, "chat", $"bench:{FastOpenAIUpstream.Model}", 12, 7, 0.0000060m)]);
    }

    private static Task Sync(Action step)
    {
        step();
        return Task.CompletedTask;
    }

    /// <summary>This thread's CPU time per iteration of a synchronous <paramref name="step"/>, in microseconds (other threads' work, such as spinning thread-pool workers, left out).</summary>
    private static async Task<double> ThreadCpuMicrosecondsAsync(Func<Task> step, int iterations)
    {
        var start = ThreadCpuNanoseconds();
        for (var i = 0; i < iterations; i++)
        {
            await step();
        }

        return (ThreadCpuNanoseconds() - start) / 1000d / iterations;
    }

    private static long ThreadCpuNanoseconds() =>
        ClockGetTime(ThreadCpuClock, out var time) == 0 ? (time.Seconds * 1_000_000_000L) + time.Nanoseconds : throw new InvalidOperationException("clock_gettime failed");

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
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
