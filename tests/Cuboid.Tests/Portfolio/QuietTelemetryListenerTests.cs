using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Cuboid.Tests.Portfolio;

/// <summary>Polly's telemetry keeps what says something happened (a retry, a failed attempt) and drops what every call raises.</summary>
public sealed class QuietTelemetryListenerTests
{
    [Fact]
    public async Task A_call_that_answers_at_once_raises_no_Polly_event_and_a_retried_one_still_logs_its_retry()
    {
        var harness = new PortfolioHarness();
        var calls = 0;
        var collector = new FakeLogCollector();
        using var logging = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(new FakeLoggerProvider(collector)));
        var portfolio = harness.Build(logging: logging);
        var client = portfolio.GetChatClient("caption", new Cuboid.Portfolio.RouteConstraints { Policy = Cuboid.Portfolio.RoutingPolicy.Quality });

        await harness.Drive(() => client.GetResponseAsync("x"));
        Assert.DoesNotContain(collector.GetSnapshot(), r => r.Category == "Polly");

        harness.Chat("alpha:big").GetResponseAsyncCallback = (_, _, _) => ++calls == 1
            ? throw new Cuboid.Portfolio.ProviderCallException("alpha", Cuboid.Portfolio.ProviderFailureKind.ServerError, "bad gateway", 502)
            : Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "second try")));
        Assert.Equal("second try", (await harness.Drive(() => client.GetResponseAsync("x"))).Text);

        var polly = collector.GetSnapshot().Where(r => r.Category == "Polly").ToList();
        Assert.Contains(polly, r => r.Message.Contains("OnRetry", StringComparison.Ordinal));
        Assert.Contains(polly, r => r.Message.Contains("Execution attempt", StringComparison.Ordinal) && r.Message.Contains("Handled: 'True'", StringComparison.Ordinal));
        Assert.DoesNotContain(polly, r => r.Message.Contains("Resilience pipeline execut", StringComparison.Ordinal));
    }
}
