using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Cuboid.Portfolio;
using Cuboid.Portfolio.Providers;
using Microsoft.Extensions.AI;

namespace Cuboid.Benchmarks.Portfolio;

/// <summary>
/// What the router adds per call: the same OpenAI-compatible adapter over the same in-process handler,
/// called directly and through <see cref="RunScope.GetChatClient"/> (shipped catalog, route
/// planning over every caption model, budget reservation, Polly retry/breaker/deadline pipeline, ledger record).
/// Goal: at most 50 µs median over the direct call (docs/PERFORMANCE.md).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 5, iterationCount: 30)]
public class RouterOverheadBenchmarks
{
    private readonly List<ChatMessage> _messages =
    [
        new(ChatRole.System, "You caption video frames in one sentence."),
        new(ChatRole.User, "Describe the frame at 00:05."),
    ];

    private IChatClient _direct = null!;
    private IChatClient _trivialDirect = null!;
    private IChatClient _trivialRouted = null!;
    private IChatClient _routed = null!;
    private IChatClient _pinned = null!;
    private RunScope _portfolio = null!;
    private RequestEstimate _estimate = null!;

    [GlobalSetup]
    public void Setup()
    {
        var options = new ProviderAdapterOptions { Handler = new CannedChatHandler() };
        var adapters = ProviderAdapters.Create(options);
        _direct = adapters.Get("openai").CreateChatClient(new ProviderEndpoint("openai", "openai", new Uri("https://api.openai.com/v1"), "sk-bench"), "gpt-4.1-mini");
        var environment = new BenchEnvironment();
        var portfolio = new ModelRouter(ModelCatalog.Shipped(), new PortfolioSettings(), adapters.ApiKinds.Select(adapters.Get), environment).BeginRun(new RunOptions { Budget = 1_000_000m });
        _portfolio = portfolio;
        _estimate = RequestEstimate.ForChat(_messages, null, 1024);
        _routed = portfolio.GetChatClient(ModelTasks.Caption);
        _pinned = portfolio.GetChatClient(ModelTasks.Caption, new RouteConstraints { PinnedModel = "openai:gpt-4.1-mini" });
        var trivial = new TrivialChatClient();
        _trivialDirect = trivial;
        _trivialRouted = new ModelRouter(ModelCatalog.Shipped(), new PortfolioSettings(), [trivial], environment).BeginRun(new RunOptions { Budget = 1_000_000m })
            .GetChatClient(ModelTasks.Caption);
    }

    [Benchmark(Baseline = true)]
    public Task<ChatResponse> Direct() => _direct.GetResponseAsync(_messages);

    [Benchmark]
    public Task<ChatResponse> Routed() => _routed.GetResponseAsync(_messages);

    [Benchmark]
    public Task<ChatResponse> RoutedPinned() => _pinned.GetResponseAsync(_messages);

    /// <summary>A provider client that does no work, called directly: the floor.</summary>
    [Benchmark]
    public Task<ChatResponse> TrivialDirect() => _trivialDirect.GetResponseAsync(_messages);

    /// <summary>The same do-nothing client behind the router: everything measured is the router's own cost.</summary>
    [Benchmark]
    public Task<ChatResponse> TrivialRouted() => _trivialRouted.GetResponseAsync(_messages);

    /// <summary>Route planning alone (no call): the part of the overhead that grows with the catalog.</summary>
    [Benchmark]
    public RoutePlan PlanOnly() => _portfolio.Router.PlanForCall(ModelTasks.Caption, RouteConstraints.None, _estimate, _portfolio);

    private sealed class BenchEnvironment : IEnvironmentVariables
    {
        public string? Get(string name) => name == "OPENAI_API_KEY" ? "sk-bench" : null;
    }
}
