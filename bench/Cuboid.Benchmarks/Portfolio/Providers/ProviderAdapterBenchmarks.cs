using System.ClientModel;
using System.ClientModel.Primitives;
using BenchmarkDotNet.Attributes;
using Cuboid.Portfolio;
using Cuboid.Portfolio.Providers;
using Cuboid.Testing.Simulators;
using Microsoft.Extensions.AI;
using OpenAI;

namespace Cuboid.Benchmarks.Portfolio.Providers;

/// <summary>
/// What the adapters' failure layer (status mapping, JSON validation, stream terminator guard, exception mapping)
/// costs per call, against the bare OpenAI SDK client over the same in-process handler.
/// Run: <c>dotnet run -c Release --project bench/Cuboid.Benchmarks -- --filter '*ProviderAdapter*' --launchCount 1 --warmupCount 3 --iterationCount 15</c>
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class ProviderAdapterBenchmarks
{
    private static readonly ChatMessage[] Question = [new(ChatRole.User, "What is in the picture?")];
    private IChatClient _bare = null!;
    private IChatClient _adapter = null!;
    private IChatClient _handlerOnly = null!;

    [GlobalSetup]
    public void Setup()
    {
        var handler = new CannedOpenAIChatHandler();
        var options = new OpenAIClientOptions
        {
            Endpoint = new Uri("http://canned.invalid/v1"),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            Transport = new HttpClientPipelineTransport(new HttpClient(handler)),
        };
        _bare = new OpenAIClient(new ApiKeyCredential("sk-x"), options).GetChatClient("canned").AsIChatClient();
        var endpoint = new ProviderEndpoint("canned", "openai", new Uri("http://canned.invalid/v1"), "sk-x");
        _handlerOnly = new OpenAIClient(new ApiKeyCredential("sk-x"), new OpenAIClientOptions
        {
            Endpoint = options.Endpoint,
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            Transport = new HttpClientPipelineTransport(ProviderHttpClients.Create(endpoint, Cuboid.Portfolio.Providers.OpenAICompatible.OpenAIWireProtocol.Instance, new ProviderAdapterOptions { Handler = handler })),
        }).GetChatClient("canned").AsIChatClient();
        _adapter = ProviderAdapters.Create(new ProviderAdapterOptions { Handler = handler })
            .CreateChatClient(new ProviderEndpoint("canned", "openai", new Uri("http://canned.invalid/v1"), "sk-x"), "canned");
    }

    [Benchmark(Baseline = true)]
    public Task<ChatResponse> BareSdk() => _bare.GetResponseAsync(Question);

    [Benchmark]
    public Task<ChatResponse> Adapter() => _adapter.GetResponseAsync(Question);

    /// <summary>The SDK over the failure handler alone, without the <c>ProviderChatClient</c> wrapper.</summary>
    [Benchmark]
    public Task<ChatResponse> HandlerOnly() => _handlerOnly.GetResponseAsync(Question);

    [Benchmark]
    public Task<ChatResponse> BareSdkStreamed() => _bare.GetStreamingResponseAsync(Question).ToChatResponseAsync();

    [Benchmark]
    public Task<ChatResponse> AdapterStreamed() => _adapter.GetStreamingResponseAsync(Question).ToChatResponseAsync();
}
