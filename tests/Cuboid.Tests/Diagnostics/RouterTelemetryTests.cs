using System.Diagnostics;
using Cuboid.Diagnostics;
using Cuboid.Portfolio;
using Cuboid.Portfolio.Providers;
using Cuboid.Testing.Simulators;
using Cuboid.Tests.Portfolio;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Cuboid.Tests.Diagnostics;

/// <summary>
/// A routed call with a fallback, over the real adapters and the loopback simulator, seen through in-memory listeners:
/// spans (route, one per model tried, the fallback event), the <c>Cuboid</c> meter's counters, and the router's logs.
/// Model ids are this class's own, so measurements of tests running alongside are filtered out.
/// </summary>
public sealed class RouterTelemetryTests : IAsyncLifetime
{
    private const string Primary = "telemetry-primary";
    private const string Backup = "telemetry-backup";
    private ProviderSimulator _sim = null!;

    public async Task InitializeAsync()
    {
        _sim = await ProviderSimulator.StartAsync();
        _sim.Respond(r => $"Simulated answer from {r.Model}");
    }

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    private RunScope Build(ILoggerFactory? logging = null, Action<ChatClientBuilder>? configure = null)
    {
        var catalog = new ModelCatalog
        {
            Providers =
            [
                new CatalogProvider { Id = "telsim", ApiKind = "openai", BaseUrl = new Uri(_sim.BaseUri, "v1").ToString(), KeyEnv = "SIM_KEY" },
                new CatalogProvider { Id = "telsimanthropic", ApiKind = "anthropic", BaseUrl = _sim.BaseUri.ToString(), KeyEnv = "SIM_KEY" },
            ],
            Models =
            [
                PortfolioHarness.Model($"telsim:{Primary}", ["chat"], 8_000, 1m, 4m, ("chat", 90)),
                PortfolioHarness.Model($"telsimanthropic:{Backup}", ["chat"], 200_000, 3m, 15m, ("chat", 80)),
            ],
        };
        var settings = new PortfolioSettings
        {
            Resilience = new ResilienceSettings { MaxAttempts = 2, BaseDelaySeconds = 0.01, MaxDelaySeconds = 0.05, CallTimeoutSeconds = 10 },
        };
        var adapters = ProviderAdapters.Create(new ProviderAdapterOptions());
        var env = new MapEnvironment(new Dictionary<string, string> { ["SIM_KEY"] = ProviderSimulator.DefaultApiKey });
        var router = new ModelRouter(catalog, settings, adapters.ApiKinds.Select(adapters.Get), env, loggerFactory: logging)
        {
            ConfigureChatClient = configure,
        };
        return router.BeginRun();
    }

    private static readonly RouteConstraints ByQuality = new() { Policy = RoutingPolicy.Quality };

    [Fact]
    public async Task A_call_that_falls_over_has_a_route_span_two_attempt_spans_and_one_fallback_event()
    {
        _sim.ScriptAlways(Primary, Fault.ServerError(503));
        using var spans = new SpanRecorder();
        var portfolio = Build();

        var response = await portfolio.GetChatClient("chat", ByQuality).GetResponseAsync("hello");

        Assert.Equal($"Simulated answer from {Backup}", response.Text);
        var route = Assert.Single(spans.Named("route chat"));
        Assert.Equal("chat", route.GetTagItem(TelemetryTags.Task));
        Assert.Equal($"telsimanthropic:{Backup}", route.GetTagItem(TelemetryTags.ResponseModel));

        var failed = Assert.Single(spans.Named($"chat telsim:{Primary}"));
        var answered = Assert.Single(spans.Named($"chat telsimanthropic:{Backup}"));
        Assert.All(new[] { failed, answered }, a => Assert.Equal(route.SpanId, a.ParentSpanId));
        Assert.All(new[] { failed, answered }, a => Assert.Equal(ActivityKind.Client, a.Kind));
        Assert.Equal("telsim", failed.GetTagItem(TelemetryTags.ProviderName));
        Assert.Equal($"telsim:{Primary}", failed.GetTagItem(TelemetryTags.RequestModel));
        Assert.Equal("failed", failed.GetTagItem(TelemetryTags.Outcome));
        Assert.Equal(ActivityStatusCode.Error, failed.Status);
        Assert.Equal("succeeded", answered.GetTagItem(TelemetryTags.Outcome));
        Assert.Equal("chat", answered.GetTagItem(TelemetryTags.OperationName));

        var booked = portfolio.Ledger.Records.Single(r => r.Outcome == CallOutcome.Succeeded);
        Assert.Equal(booked.InputTokens, answered.GetTagItem(TelemetryTags.InputTokens));
        Assert.Equal(booked.OutputTokens, answered.GetTagItem(TelemetryTags.OutputTokens));
        Assert.True(booked.InputTokens > 0);

        var fallback = Assert.Single(route.Events);
        Assert.Equal(RouterSpans.FallbackEvent, fallback.Name);
        var tags = fallback.Tags.ToDictionary(t => t.Key, t => t.Value);
        Assert.Equal($"telsim:{Primary}", tags[TelemetryTags.FallbackFrom]);
        Assert.Equal($"telsimanthropic:{Backup}", tags[TelemetryTags.FallbackTo]);
        Assert.Contains("503", (string)tags[TelemetryTags.FallbackReason]!, StringComparison.Ordinal);

        // The routed client is built with ChatClientBuilder.UseOpenTelemetry: its GenAI span is the route's parent.
        var client = Assert.Single(spans.Spans, s => s.SpanId == route.ParentSpanId);
        Assert.Equal("chat", client.GetTagItem(TelemetryTags.OperationName));
    }

    [Fact]
    public async Task Counters_count_calls_tokens_dollars_and_fallbacks_as_the_ledger_books_them()
    {
        using var calls = new MetricCollector<long>(null, CuboidDiagnostics.Name, CuboidMetrics.CallsName);
        using var tokens = new MetricCollector<long>(null, CuboidDiagnostics.Name, CuboidMetrics.TokensName);
        using var dollars = new MetricCollector<double>(null, CuboidDiagnostics.Name, CuboidMetrics.DollarsName);
        using var fallbacks = new MetricCollector<long>(null, CuboidDiagnostics.Name, CuboidMetrics.FallbacksName);
        using var durations = new MetricCollector<double>(null, CuboidDiagnostics.Name, CuboidMetrics.CallDurationName);
        _sim.ScriptAlways(Primary, Fault.ServerError(500));
        var portfolio = Build();

        await portfolio.GetChatClient("chat", ByQuality).GetResponseAsync("hello");
        await portfolio.GetChatClient("chat", ByQuality).GetResponseAsync("hello again");

        static bool Ours(CollectedMeasurement<long> m) => m.Tags[TelemetryTags.RequestModel] is string id && id.Contains("telemetry-", StringComparison.Ordinal);
        var callMeasurements = calls.GetMeasurementSnapshot().Where(Ours).ToList();
        Assert.Equal(2, callMeasurements.Count(m => m.Tags[TelemetryTags.Outcome] as string == "failed" && m.Tags[TelemetryTags.RequestModel] as string == $"telsim:{Primary}"));
        Assert.Equal(2, callMeasurements.Count(m => m.Tags[TelemetryTags.Outcome] as string == "succeeded" && m.Tags[TelemetryTags.RequestModel] as string == $"telsimanthropic:{Backup}"));
        Assert.All(callMeasurements, m => Assert.Equal("chat", m.Tags[TelemetryTags.Task]));

        var booked = portfolio.Ledger.Records.Where(r => r.Outcome == CallOutcome.Succeeded).ToList();
        var tokenMeasurements = tokens.GetMeasurementSnapshot().Where(Ours).ToList();
        Assert.Equal(booked.Sum(r => r.InputTokens), tokenMeasurements.Where(m => m.Tags[TelemetryTags.TokenType] as string == "input").Sum(m => m.Value));
        Assert.Equal(booked.Sum(r => r.OutputTokens), tokenMeasurements.Where(m => m.Tags[TelemetryTags.TokenType] as string == "output").Sum(m => m.Value));

        var spent = dollars.GetMeasurementSnapshot().Where(m => m.Tags[TelemetryTags.RequestModel] as string == $"telsimanthropic:{Backup}").Sum(m => m.Value);
        Assert.Equal((double)portfolio.Budget.Spent, spent, 9);
        Assert.True(spent > 0);

        var fell = fallbacks.GetMeasurementSnapshot().Where(Ours).ToList();
        Assert.Equal(2, fell.Sum(m => m.Value));
        Assert.All(fell, m => Assert.Equal($"telsim:{Primary}", m.Tags[TelemetryTags.RequestModel]));
        Assert.Equal(4, durations.GetMeasurementSnapshot().Count(m => m.Tags[TelemetryTags.RequestModel] is string id && id.Contains("telemetry-", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_router_logs_the_route_the_failure_and_the_fallback_through_the_given_logger_factory()
    {
        _sim.ScriptAlways(Primary, Fault.ServerError(502));
        var collector = new FakeLogCollector();
        using var logging = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(new FakeLoggerProvider(collector)));
        var portfolio = Build(logging);

        await portfolio.GetChatClient("chat", ByQuality).GetResponseAsync("hello");

        var router = collector.GetSnapshot().Where(r => r.Category == typeof(CallRouter).FullName).ToList();
        Assert.Contains(router, r => r.Id.Id == 1100 && r.Message.Contains($"telsim:{Primary} first (2 candidates)", StringComparison.Ordinal));
        Assert.Contains(router, r => r.Id.Id == 1101 && r.Level == LogLevel.Information && r.Message.Contains($"telsim:{Primary} did not answer chat after 2 attempts", StringComparison.Ordinal));
        Assert.Contains(router, r => r.Id.Id == 1102 && r.Message.Contains($"from telsim:{Primary} to telsimanthropic:{Backup}", StringComparison.Ordinal));
        Assert.DoesNotContain(collector.GetSnapshot(), r => r.Message.Contains(ProviderSimulator.DefaultApiKey, StringComparison.Ordinal));
        // Polly's telemetry logs through the same factory, kept at Information or below.
        Assert.Contains(collector.GetSnapshot(), r => r.Category == "Polly");
        Assert.DoesNotContain(collector.GetSnapshot(), r => r.Category == "Polly" && r.Level > LogLevel.Information);
    }

    [Fact]
    public async Task A_call_that_answers_first_time_logs_nothing_from_Polly()
    {
        var collector = new FakeLogCollector();
        using var logging = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(new FakeLoggerProvider(collector)));
        var portfolio = Build(logging);

        await portfolio.GetChatClient("chat", ByQuality).GetResponseAsync("hello");

        // Its per-execution and per-attempt events are filtered before its logs (QuietTelemetryListener): they cost more
        // per call than the pipeline itself, and the router's own lines say which model answered.
        Assert.DoesNotContain(collector.GetSnapshot(), r => r.Category == "Polly");
    }

    [Fact]
    public async Task Users_add_their_own_middleware_to_routed_clients()
    {
        var seen = new List<string>();
        var portfolio = Build(configure: builder => builder.Use(async (messages, options, next, cancellationToken) =>
        {
            seen.Add(messages.Last().Text);
            await next(messages, options, cancellationToken);
        }));

        var response = await portfolio.GetChatClient("chat", ByQuality).GetResponseAsync("through my middleware");

        Assert.Equal(["through my middleware"], seen);
        Assert.Equal($"Simulated answer from {Primary}", response.Text);
        Assert.Same(portfolio.Router, portfolio.GetChatClient("chat").GetService<ModelRouter>());
        Assert.Same(portfolio, portfolio.GetChatClient("chat").GetService<RunScope>());
    }
}
