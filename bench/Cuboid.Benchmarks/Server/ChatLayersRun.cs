using System.ClientModel;
using System.ClientModel.Primitives;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Cuboid.Portfolio;
using Cuboid.Portfolio.Providers;
using Cuboid.Portfolio.Relay;
using Cuboid.Server.Gateway;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;
using OpenAI.Chat;
using ChatMessage = Microsoft.Extensions.AI.ChatMessage;

namespace Cuboid.Benchmarks.Server;

/// <summary>
/// <c>dotnet run -c Release --project bench/Cuboid.Benchmarks -- chat-layers [requests] [--out FILE]</c>: where the
/// gateway's added latency goes, layer by layer, in wall time against the same <see cref="FastOpenAIUpstream"/>: a raw
/// <see cref="HttpClient"/> POST; the OpenAI SDK's <c>ChatClient</c> as Cuboid configures it (retries and logging off);
/// the same behind Microsoft.Extensions.AI's <c>AsIChatClient</c>; Cuboid's provider adapter (failure mapping and the
/// failure handler); the library's router with the endpoint's plan handed down; the relay the gateway uses instead (the
/// request's JSON through the same call loop and books, no SDK); the whole gateway over HTTP. Layers
/// take turns in blocks of 5 (the first of each block not recorded), so drift hits them alike; each row is the median
/// wall time per call, the difference to the row above, and the bytes the whole process allocated per call (client,
/// layers and upstream: the raw row is the upstream's and client's share).
/// </summary>
internal static class ChatLayersRun
{
    private const int BlockSize = 5;

    public static async Task RunAsync(int requests, string output)
    {
        var before = MachineConditions.Describe();
        await using var upstream = await FastOpenAIUpstream.StartAsync();
        IReadOnlyList<CatalogModel> models = [BenchGateway.Model($"bench:{FastOpenAIUpstream.Model}", 0.15m, 0.6m, 90)];
        await using var gateway = await BenchGateway.StartAsync(upstream.BaseUri, models, new ResilienceSettings { CallTimeoutSeconds = 10 });
        var gatewayModels = gateway.Services.GetRequiredService<GatewayModels>();
        using var direct = new OverheadTarget("direct", new Uri(upstream.BaseUri, "v1/chat/completions"), FastOpenAIUpstream.Model, new Dictionary<string, string>());
        using var through = new OverheadTarget("gateway", new Uri(gateway.BaseUri, "v1/chat/completions"), $"bench:{FastOpenAIUpstream.Model}",
            new Dictionary<string, string> { ["Authorization"] = $"Bearer {gateway.CreateKey("layers")}" });

        var baseUri = new Uri(upstream.BaseUri, "v1");
        using var sdkHttp = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        var sdk = new OpenAIClient(new ApiKeyCredential("sk-bench"), new OpenAIClientOptions
        {
            Endpoint = baseUri,
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            Transport = new HttpClientPipelineTransport(sdkHttp),
            ClientLoggingOptions = new ClientLoggingOptions { EnableLogging = false },
        }).GetChatClient(FastOpenAIUpstream.Model);
        using var meai = sdk.AsIChatClient();
        var endpoint = new ProviderEndpoint("bench", "openai", baseUri, "sk-bench");
        using var adapter = ProviderAdapters.Create(new ProviderAdapterOptions()).Get("openai").CreateChatClient(endpoint, FastOpenAIUpstream.Model);

        using var router = BenchGateway.Router(upstream.BaseUri, models, new ResilienceSettings { CallTimeoutSeconds = 10 });
        var model = router.Catalog.Models[0];
        var resilience = router.Resilience.For(model);
        var routerAdapter = router.Providers.ChatClient(model.Ref);
        var messages = new List<ChatMessage> { new(ChatRole.User, "Say hello.") };
        var sdkMessages = new List<OpenAI.Chat.ChatMessage> { new UserChatMessage("Say hello.") };
        var sdkOptions = new ChatCompletionOptions { MaxOutputTokenCount = 50 };
        var options = new ChatOptions { MaxOutputTokens = 50 };
        var routedOptions = new ChatOptions { MaxOutputTokens = 50, ModelId = $"bench:{FastOpenAIUpstream.Model}" };

        // The gateway's path since the relay: the request's JSON through the router's call loop and books, no SDK.
        using var plainBody = JsonDocument.Parse($$"""{"model":"bench:{{FastOpenAIUpstream.Model}}","messages":[{"role":"user","content":"Say hello."}],"max_tokens":50}""");
        using var streamedBody = JsonDocument.Parse($$"""{"model":"bench:{{FastOpenAIUpstream.Model}}","messages":[{"role":"user","content":"Say hello."}],"max_tokens":50,"stream":true}""");
        var relay = gatewayModels.Router.ChatRelay!;
        var estimate = WireRequest.Estimate(plainBody.RootElement, 50, gatewayModels.DefaultOutputTokens);
        var relayPlan = gatewayModels.Plan("chat", $"bench:{FastOpenAIUpstream.Model}", estimate);
        var plainRelayed = new RelayRequest(plainBody.RootElement, Stream: false, estimate);
        var streamedRelayed = new RelayRequest(streamedBody.RootElement, Stream: true, estimate);

        (string Name, Func<Task> Plain, Func<Task> Streamed)[] layers =
        [
            ("raw HttpClient POST", () => direct.CompleteAsync(false), () => direct.CompleteAsync(true)),
            ("OpenAI SDK ChatClient (retries, logging off)", () => sdk.CompleteChatAsync(sdkMessages, sdkOptions), async () =>
            {
                await foreach (var update in sdk.CompleteChatStreamingAsync(sdkMessages, sdkOptions))
                {
                    _ = update.ContentUpdate;
                }
            }),
            ("+ Microsoft.Extensions.AI AsIChatClient", () => meai.GetResponseAsync(messages, options), () => DrainAsync(meai, messages, options)),
            ("+ Cuboid provider adapter", () => adapter.GetResponseAsync(messages, options), () => DrainAsync(adapter, messages, options)),
            ("+ Polly pipeline (breakers, timeout)", () => resilience.ExecuteAsync(async token => await routerAdapter.GetResponseAsync(messages, options, token)).AsTask(),
                () => resilience.ExecuteAsync(async token => await DrainAsync(routerAdapter, messages, options, token)).AsTask()),
            ("+ router's call loop and books (no OpenTelemetry layer)", () => new PortfolioChatClient(router, "chat", RouteConstraints.None, router.BeginRun()).GetResponseAsync(messages, Planned(router, messages, routedOptions)),
                () => DrainAsync(new PortfolioChatClient(router, "chat", RouteConstraints.None, router.BeginRun()), messages, Planned(router, messages, routedOptions))),
            ("+ run scope and OpenTelemetry layer (the gateway's router)", () => GatewayModels.ChatClient(gatewayModels.BeginRun(1m), "chat").GetResponseAsync(messages, Planned(gatewayModels, messages, routedOptions)),
                () => DrainAsync(GatewayModels.ChatClient(gatewayModels.BeginRun(1m), "chat"), messages, Planned(gatewayModels, messages, routedOptions))),
            ("the relay instead (ChatRelay: the request's JSON, router's call loop and books, no SDK)", async () =>
                {
                    using var answer = await relay.CompleteAsync(plainRelayed, relayPlan, gatewayModels.BeginRun(1m), CancellationToken.None);
                },
                async () =>
                {
                    await foreach (var update in relay.StreamAsync(streamedRelayed, relayPlan, gatewayModels.BeginRun(1m), CancellationToken.None))
                    {
                        update.Dispose();
                    }
                }),
            ("whole gateway over HTTP (key, hold, JSON, books; relayed)", () => through.CompleteAsync(false), () => through.CompleteAsync(true)),
        ];

        var samples = layers.Select(_ => new[] { new List<double>(), new List<double>() }).ToArray();
        var allocated = layers.Select(_ => new[] { new List<double>(), new List<double>() }).ToArray();
        for (var round = -Math.Max(50, requests / 10); round < requests; round++)
        {
            for (var mode = 0; mode < 2; mode++)
            {
                for (var l = 0; l < layers.Length; l++)
                {
                    var layer = (l + Math.Max(0, round)) % layers.Length;
                    for (var i = 0; i < BlockSize; i++)
                    {
                        var bytes = GC.GetTotalAllocatedBytes(precise: true);
                        var started = Stopwatch.GetTimestamp();
                        await (mode == 0 ? layers[layer].Plain() : layers[layer].Streamed());
                        if (round >= 0 && i > 0)
                        {
                            samples[layer][mode].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                            allocated[layer][mode].Add((GC.GetTotalAllocatedBytes(precise: true) - bytes) / 1024d);
                        }
                    }
                }
            }
        }

        var table = new StringBuilder()
            .AppendLine("| Layer | plain p50 ms | + over the row above | streamed p50 ms | + over the row above | allocated kB, plain / streamed |")
            .AppendLine("|---|--:|--:|--:|--:|--:|");
        for (var l = 0; l < layers.Length; l++)
        {
            var plain = LatencySample.Percentile(samples[l][0], 50);
            var streamed = LatencySample.Percentile(samples[l][1], 50);
            var plainAdded = l == 0 ? "-" : (plain - LatencySample.Percentile(samples[l - 1][0], 50)).ToString("0.000", CultureInfo.InvariantCulture);
            var streamedAdded = l == 0 ? "-" : (streamed - LatencySample.Percentile(samples[l - 1][1], 50)).ToString("0.000", CultureInfo.InvariantCulture);
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| {layers[l].Name} | {plain:0.000} | {plainAdded} | {streamed:0.000} | {streamedAdded} | {LatencySample.Percentile(allocated[l][0], 50):0.0} / {LatencySample.Percentile(allocated[l][1], 50):0.0} |");
        }

        var snippet = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"{requests} rounds, blocks of {BlockSize} per layer and mode (the first not recorded), {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC.")
            .AppendLine(CultureInfo.InvariantCulture, $"Machine before: {before}; after: {MachineConditions.Describe()}.")
            .AppendLine()
            .Append(table)
            .ToString();
        Console.WriteLine(snippet);
        await File.WriteAllTextAsync(output, snippet);
    }

    private static async Task DrainAsync(IChatClient client, List<ChatMessage> messages, ChatOptions options, CancellationToken cancellationToken = default)
    {
        await foreach (var update in client.GetStreamingResponseAsync(messages, options, cancellationToken))
        {
            _ = update.Text;
        }
    }

    private static ChatOptions Planned(ModelRouter router, List<ChatMessage> messages, ChatOptions options)
    {
        var plan = router.PlanForCall("chat", GatewayModels.ConstraintsFor(options.ModelId), RequestEstimate.ForChat(messages, options, router.Settings.Resilience.DefaultOutputTokens), router.DefaultRun);
        return new PlannedCall(GatewayModels.ConstraintsFor(options.ModelId), plan).AddTo(options.Clone());
    }

    private static ChatOptions Planned(GatewayModels models, List<ChatMessage> messages, ChatOptions options)
    {
        var plan = models.Plan("chat", options.ModelId, RequestEstimate.ForChat(messages, options, models.DefaultOutputTokens));
        return new PlannedCall(GatewayModels.ConstraintsFor(options.ModelId), plan).AddTo(options.Clone());
    }
}
