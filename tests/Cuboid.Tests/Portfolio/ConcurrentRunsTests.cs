using System.Text.RegularExpressions;
using Cuboid.Portfolio;
using Cuboid.Portfolio.Providers;
using Cuboid.Testing.Simulators;
using Microsoft.Extensions.AI;

namespace Cuboid.Tests.Portfolio;

/// <summary>
/// One <see cref="ModelRouter"/> shared by many concurrent runs against the simulator over loopback HTTP: each run's
/// ledger and budget hold its own calls only, a run that runs out of money fails alone, and a circuit opened by one run
/// keeps every other run away from the broken model.
/// </summary>
public sealed partial class ConcurrentRunsTests(RouterSimulatorFixture fixture) : IClassFixture<RouterSimulatorFixture>
{
    private const int Runs = 50;
    private const int FramesPerRun = 4;
    private const int ReasonerOutputCap = 2_000;
    private static readonly RouteConstraints ByQuality = new() { Policy = RoutingPolicy.Quality };

    // The best-rated captioner, which the simulator breaks; the one behind it; an expensive reasoner whose 2,000-token
    // cap reserves ~$0.80, more than a starved run's $0.05 but well inside every other run's budget.
    internal static readonly CatalogModel Flaky = PortfolioHarness.Model("sim:cap-flaky", ["caption"], 128_000, 1m, 4m, ("caption", 95));
    internal static readonly CatalogModel Captioner = PortfolioHarness.Model("sim:cap-good", ["caption"], 128_000, 1m, 4m, ("caption", 90));
    internal static readonly CatalogModel Reasoner = PortfolioHarness.Model("sim:reasoner", ["reason"], 128_000, 100m, 400m, ("reason", 90));

    [Fact]
    public async Task Fifty_concurrent_runs_on_one_router_keep_their_own_books_fail_alone_and_share_a_tripped_breaker()
    {
        var sim = fixture.Fresh(r => $"seen: {r.LastUserText}");
        sim.Latency = TimeSpan.FromMilliseconds(20);
        sim.ScriptAlways("cap-flaky", Fault.ServerError(500));
        var router = BuildRouter(sim);

        // One run trips the flaky captioner's breaker (three failed attempts per call; the fourth failure opens it).
        var tripper = router.BeginRun(new RunOptions { Id = "tripper" });
        for (var i = 0; i < 5 && !tripper.Ledger.Records.Any(IsCircuitOpen); i++)
        {
            await tripper.GetChatClient(ModelTasks.Caption, ByQuality).GetResponseAsync([Frame("tripper", i, 0)]);
        }

        Assert.Contains(tripper.Ledger.Records, IsCircuitOpen);
        var flakyCallsBefore = sim.CallCount("cap-flaky");
        var tripperRecords = tripper.Ledger.Records.Count;

        // Every fifth run can pay for its captions but not for the reasoner; the others get budgets of their own size.
        var budgets = Enumerable.Range(0, Runs).Select(i => i % 5 == 4 ? 0.05m : 1m + (i * 0.01m)).ToArray();
        var runs = budgets.Select((budget, i) => router.BeginRun(new RunOptions { Id = $"run-{i}", Budget = budget })).ToArray();
        var outcomes = await Task.WhenAll(runs.Select((run, i) => Task.Run(() => AnalyzeAsync(router, run, i))));

        // The breaker one run tripped protected all the others: nobody called the broken model again.
        Assert.Equal(flakyCallsBefore, sim.CallCount("cap-flaky"));
        Assert.True(sim.MaxConcurrentRequests > 1, "the runs should overlap");
        var served = sim.Calls.Where(c => c.Usage is not null).GroupBy(c => RunOf(c.Request)).ToDictionary(g => g.Key, g => g.ToList());
        for (var i = 0; i < Runs; i++)
        {
            var run = runs[i];
            var records = run.Ledger.Records;
            var starved = budgets[i] == 0.05m;

            // Each caption first met the open circuit (no attempt, no dollars), then the next model answered.
            var skipped = records.Where(r => r.ModelId == Flaky.Id).ToList();
            Assert.Equal(FramesPerRun, skipped.Count);
            Assert.All(skipped, r => Assert.True(IsCircuitOpen(r) && r.Attempts == 0 && r.Dollars == 0, r.Describe()));
            Assert.Equal(FramesPerRun, records.Count(r => r.ModelId == Captioner.Id && r.Outcome == CallOutcome.Succeeded));

            if (starved)
            {
                var error = Assert.IsType<CuboidException>(outcomes[i]);
                Assert.Equal(ErrorKind.Budget, error.Kind);
                Assert.Contains("budget of $0.05 would be exceeded", error.Message, StringComparison.Ordinal);
                Assert.DoesNotContain(records, r => r.ModelId == Reasoner.Id);
            }
            else
            {
                Assert.Null(outcomes[i]);
                Assert.Equal(CallOutcome.Succeeded, Assert.Single(records, r => r.ModelId == Reasoner.Id).Outcome);
            }

            // The run's books are exactly the calls the simulator served for it: tokens, dollars, and nothing else.
            var own = served[run.Id];
            Assert.Equal(own.Count, records.Count(r => r.Outcome == CallOutcome.Succeeded));
            Assert.Equal(own.Sum(c => (long)c.Usage!.InputTokens), records.Sum(r => r.InputTokens));
            Assert.Equal(own.Sum(c => (long)c.Usage!.OutputTokens), records.Sum(r => r.OutputTokens));
            Assert.All(records.Where(r => r.Outcome == CallOutcome.Succeeded), r => Assert.False(r.TokensEstimated));
            var dollars = own.Sum(c => CallPricer.Price(c.Request.Model == "reasoner" ? Reasoner : Captioner, c.Usage!.InputTokens, c.Usage.OutputTokens, c.Request.Messages.Sum(m => m.Images.Count), 0));
            Assert.Equal(dollars, run.Ledger.Total().Dollars);
            Assert.Equal(dollars, run.Budget.Spent);
            Assert.Equal(0m, run.Budget.Reserved);
            Assert.Equal(budgets[i], run.Budget.Limit);
        }

        // The runs' calls went only to their own ledgers: the tripper's and the default run's books did not grow.
        Assert.Equal(Runs + 1, served.Count);
        Assert.Equal(tripperRecords, tripper.Ledger.Records.Count);
        Assert.Empty(router.DefaultRun.Ledger.Records);
    }

    /// <summary>
    /// A small analysis: captions of a few frames, then one reasoning call over them. Even runs bind their clients to the
    /// run; odd runs make themselves current and use the router's own clients, as a host resolving them from DI would.
    /// </summary>
    private static async Task<Exception?> AnalyzeAsync(ModelRouter router, RunScope run, int index)
    {
        using var current = index % 2 == 1 ? run.MakeCurrent() : null;
        var captioner = index % 2 == 0 ? run.GetChatClient(ModelTasks.Caption, ByQuality) : router.GetChatClient(ModelTasks.Caption, ByQuality);
        var reasoner = index % 2 == 0 ? run.GetChatClient(ModelTasks.Reason, ByQuality) : router.GetChatClient(ModelTasks.Reason, ByQuality);
        try
        {
            var captions = await Task.WhenAll(Enumerable.Range(0, FramesPerRun).Select(f => captioner.GetResponseAsync([Frame(run.Id, f, index)])));
            var timeline = string.Join("\n", captions.Select(c => c.Text));
            await reasoner.GetResponseAsync($"[{run.Id}] summarise:\n{timeline}", new ChatOptions { MaxOutputTokens = ReasonerOutputCap });
            return null;
        }
        catch (CuboidException ex)
        {
            return ex;
        }
    }

    /// <summary>A caption request naming its run; runs pad their text differently, so a call booked to the wrong run changes its token count.</summary>
    private static ChatMessage Frame(string runId, int frame, int padding) =>
        new(ChatRole.User, [new TextContent($"[{runId}] describe frame {frame}{new string('.', padding * 4)}"), new DataContent(new byte[] { 0xFF, 0xD8, 0xFF }, "image/jpeg")]);

    private static string RunOf(SimulatedRequest request) => RunTag().Match(request.Messages[^1].Text).Groups[1].Value;

    private static bool IsCircuitOpen(UsageRecord record) => record.Error?.Contains("circuit open: sim:cap-flaky kept failing", StringComparison.Ordinal) == true;

    /// <summary>A router over the simulator with the three models above and a breaker that stays open for the test.</summary>
    internal static ModelRouter BuildRouter(ProviderSimulator sim)
    {
        var catalog = new ModelCatalog
        {
            Providers = [new CatalogProvider { Id = "sim", ApiKind = "openai", BaseUrl = new Uri(sim.BaseUri, "v1").ToString(), KeyEnv = "SIM_OPENAI_KEY" }],
            Models = [Flaky, Captioner, Reasoner],
        };
        var settings = new PortfolioSettings
        {
            // A short backoff, and a break far longer than the test, so the circuit cannot half-open midway.
            Resilience = new ResilienceSettings { MaxAttempts = 3, BaseDelaySeconds = 0.01, MaxDelaySeconds = 0.05, CallTimeoutSeconds = 30, BreakerBreakSeconds = 600 },
        };
        var adapters = ProviderAdapters.Create(new ProviderAdapterOptions());
        var environment = new MapEnvironment(new Dictionary<string, string> { ["SIM_OPENAI_KEY"] = ProviderSimulator.DefaultApiKey });
        return new ModelRouter(catalog, settings, adapters.ApiKinds.Select(adapters.Get), environment);
    }

    [GeneratedRegex(@"^\[([^\]]+)\]", RegexOptions.CultureInvariant)]
    private static partial Regex RunTag();
}
