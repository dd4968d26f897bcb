using Cuboid.Portfolio;
using Cuboid.Tests.Portfolio;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Cuboid.Tests.Diagnostics;

/// <summary>Circuit breakers opening, half-opening and closing are logged, on the fake clock.</summary>
public sealed class BreakerLogTests
{
    [Fact]
    public async Task A_model_that_keeps_failing_opens_its_circuit_with_a_warning_and_closes_it_when_it_answers_again()
    {
        var harness = new PortfolioHarness();
        harness.Chat("alpha:big").GetResponseAsyncCallback = (_, _, _) =>
            throw new ProviderCallException("alpha", ProviderFailureKind.ServerError, "bad gateway", 502);
        var collector = new FakeLogCollector();
        using var logging = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(new FakeLoggerProvider(collector)));
        var portfolio = harness.Build(logging: logging);
        var client = portfolio.GetChatClient("caption", new RouteConstraints { Policy = RoutingPolicy.Quality });

        await harness.Drive(() => client.GetResponseAsync("x"));
        await harness.Drive(() => client.GetResponseAsync("x"));

        var opened = Assert.Single(collector.GetSnapshot(), r => r.Id.Id == 1104);
        Assert.Equal(LogLevel.Warning, opened.Level);
        Assert.Equal("Circuit opened for alpha:big for 30 s: it kept failing", opened.Message);

        harness.Time.Advance(TimeSpan.FromSeconds(31));
        harness.Chat("alpha:big").GetResponseAsyncCallback = null;
        Assert.Equal("answer from alpha:big", (await harness.Drive(() => client.GetResponseAsync("x"))).Text);

        Assert.Contains(collector.GetSnapshot(), r => r.Id.Id == 1106 && r.Message == "Circuit half-open for alpha:big: trying one call");
        Assert.Contains(collector.GetSnapshot(), r => r.Id.Id == 1105 && r.Message == "Circuit closed for alpha:big: it answers again");
    }
}
