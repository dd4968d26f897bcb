using Cuboid.Portfolio;
using Cuboid.Testing.Simulators;
using Cuboid.Testing.Video;
using Cuboid.Tests.Portfolio;
using Cuboid.Understanding;

namespace Cuboid.Tests.Understanding;

/// <summary>
/// Fifty real analyses (ffmpeg on an encoded video, captions, a summary) at once through one shared router against the
/// simulator: each run's ledger and budget hold exactly its own calls, a starved run fails alone and keeps its partial
/// report, and a circuit one run tripped keeps every other run off the broken captioner.
/// </summary>
public sealed class ConcurrentAnalysesTests
{
    private const int Runs = 50;
    private const decimal Starved = 0.01m;

    // The run tests' models: a broken best captioner, a healthy one behind it, and a reasoner whose reservation (its
    // output cap at $400 per million tokens) is beyond a starved run's budget and far inside everyone else's.
    private static readonly CatalogModel Flaky = ConcurrentRunsTests.Flaky;
    private static readonly CatalogModel Captioner = ConcurrentRunsTests.Captioner;
    private static readonly CatalogModel Reasoner = ConcurrentRunsTests.Reasoner;

    private static readonly VideoRecipe Clip = new() { Seconds = 12, Width = 160, Height = 90, Audio = false };

    [Fact]
    public async Task Fifty_concurrent_analyses_on_one_router_keep_their_own_books_fail_alone_and_share_a_tripped_breaker()
    {
        var video = await VideoBuilder.BuildAsync(Clip);
        await using var sim = await ProviderSimulator.StartAsync();
        sim.Respond(SimulatedProviders.Answer);
        sim.Latency = TimeSpan.FromMilliseconds(10);
        sim.ScriptAlways("cap-flaky", Fault.ServerError(500));
        using var router = ConcurrentRunsTests.BuildRouter(sim);
        var analyzer = new VideoAnalyzer(MediaEngineSource.Instance, MediaEngineSource.Instance);

        // One run trips the flaky captioner's breaker before the others start.
        var tripper = router.BeginRun(new RunOptions { Id = "tripper" });
        var tripped = await analyzer.AnalyzeAsync(new AnalyzeRequest { VideoPath = video, Concurrency = 1 }, new PortfolioAnalysisModels(router, tripper), sink: null);
        Assert.Null(tripped.Failure);
        Assert.Contains(tripper.Ledger.Records, IsCircuitOpen);
        var flakyCalls = sim.CallCount("cap-flaky");
        var servedBefore = sim.Calls.Count(c => c.Usage is not null);

        // Every fifth run can pay for its captions but not for the summary; the others get budgets of their own size.
        var budgets = Enumerable.Range(0, Runs).Select(i => i % 5 == 4 ? Starved : 5m + (i * 0.01m)).ToArray();
        var runs = budgets.Select((budget, i) => router.BeginRun(new RunOptions { Id = $"run-{i}", Budget = budget })).ToArray();
        var outcomes = await Task.WhenAll(runs.Select(run => Task.Run(() =>
            analyzer.AnalyzeAsync(new AnalyzeRequest { VideoPath = video, Concurrency = 2 }, new PortfolioAnalysisModels(router, run), sink: null))));

        Assert.Equal(flakyCalls, sim.CallCount("cap-flaky"));
        Assert.True(sim.MaxConcurrentRequests > 1, "the analyses should overlap");

        var samples = outcomes[0].Report.Samples.Count;
        Assert.True(samples >= 3, $"{samples} samples");
        for (var i = 0; i < Runs; i++)
        {
            var (run, outcome) = (runs[i], outcomes[i]);
            var records = run.Ledger.Records;
            var own = records.Where(r => r.Outcome == CallOutcome.Succeeded).ToList();

            // Every frame was captioned once by the healthy captioner, the broken one skipped without an attempt.
            Assert.Equal(samples, outcome.Report.Samples.Count);
            Assert.All(outcome.Report.Samples, s => Assert.StartsWith("Frame ", s.Caption, StringComparison.Ordinal));
            Assert.Equal(samples, own.Count(r => r.ModelId == Captioner.Id));
            Assert.All(records.Where(r => r.ModelId == Flaky.Id), r => Assert.True(IsCircuitOpen(r) && r.Attempts == 0 && r.Dollars == 0, r.Describe()));

            if (budgets[i] == Starved)
            {
                Assert.Equal(ErrorKind.Budget, Assert.IsType<CuboidException>(outcome.Failure).Kind);
                Assert.DoesNotContain(records, r => r.ModelId == Reasoner.Id);
                Assert.Null(outcome.Report.Summary);
            }
            else
            {
                Assert.Null(outcome.Failure);
                Assert.Equal("A short simulated talk.", outcome.Report.Summary);
                Assert.Single(own, r => r.ModelId == Reasoner.Id);
            }

            // The run's books are its own: what it spent is its ledger, nothing is left reserved, its limit untouched.
            Assert.Equal(run.Ledger.Total().Dollars, run.Budget.Spent);
            Assert.Equal(0m, run.Budget.Reserved);
            Assert.Equal(budgets[i], run.Budget.Limit);
        }

        // Runs doing the same work booked the same tokens (a call booked to the wrong run would make one heavier and
        // another lighter), and together the runs booked exactly what the simulator served them.
        Assert.Single(runs.Where((_, i) => budgets[i] != Starved).Select(r => r.Ledger.Total().InputTokens).Distinct());
        Assert.Single(runs.Where((_, i) => budgets[i] == Starved).Select(r => r.Ledger.Total().InputTokens).Distinct());
        var served = sim.Calls.Where(c => c.Usage is not null).Skip(servedBefore).ToList();
        Assert.Equal(served.Count, runs.Sum(r => r.Ledger.Records.Count(x => x.Outcome == CallOutcome.Succeeded)));
        Assert.Equal(served.Sum(c => (long)c.Usage!.InputTokens), runs.Sum(r => r.Ledger.Total().InputTokens));
        Assert.Equal(served.Sum(c => (long)c.Usage!.OutputTokens), runs.Sum(r => r.Ledger.Total().OutputTokens));
        Assert.Empty(router.DefaultRun.Ledger.Records);
    }

    private static bool IsCircuitOpen(UsageRecord record) => record.Error?.Contains("circuit open: sim:cap-flaky kept failing", StringComparison.Ordinal) == true;
}
