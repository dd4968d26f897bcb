using Cuboid.Generation.LongForm;
using Cuboid.Portfolio;
using Cuboid.Testing.Simulators;
using Cuboid.Tests.Portfolio;

namespace Cuboid.Tests.Generation.LongForm;

/// <summary>
/// The storyboard the reasoning model writes is spent from the long-form run's budget and booked in its ledger, beside
/// the video: priced in the plan, refused up front with the video when the budget cannot cover both.
/// </summary>
public sealed class StoryboardSpendTests(VideoSimulatorFixture fixture, RouterSimulatorFixture chat)
    : IClassFixture<VideoSimulatorFixture>, IClassFixture<RouterSimulatorFixture>, IDisposable
{
    // Dear enough ($100 / $400 per million tokens) that three shots' storyboard is about a quarter dollar.
    private static readonly CatalogModel Reasoner = PortfolioHarness.Model("sim:storyteller", ["reason"], 128_000, 100m, 400m, ("reason", 90));

    private readonly LongFormHarness _harness = new(fixture.Sim);

    public void Dispose() => _harness.Dispose();

    private static LongFormRequest Request() =>
        LongFormHarness.Request(LongFormStrategy.Chain, 3) with { Gates = DriftGates.Parse("off") };

    private ProviderSimulator Shots() => chat.Fresh(_ => """{"shots":[{"prompt":"the lighthouse at dusk"},{"prompt":"its lamp turns on"},{"prompt":"night falls"}]}""");

    [Fact]
    public async Task A_budget_that_covers_the_videos_but_not_the_storyboard_is_refused_before_any_video_spend()
    {
        var router = ReasonerRouter.Build(Shots(), Reasoner);
        // Three 2 s segments on alpha's cheapest route: $0.48; the storyboard comes on top.
        var session = _harness.Session(budget: 0.60m);
        var longForm = new LongFormSession(session, ReasonerRouter.StoryboardWriter(router, session.Run));
        var plan = longForm.Plan(Request());
        Assert.True(plan.StoryboardWriting!.Dollars > 0.12m, $"storyboard estimate {plan.StoryboardWriting.Dollars}");
        Assert.Equal(0.48m + plan.StoryboardWriting.Dollars, plan.ExpectedDollars);

        var error = await _harness.RefusedBeforeAnySpendAsync(longForm, Request(), chat.Sim);

        Assert.Equal(ErrorKind.Budget, error.Kind);
    }

    [Fact]
    public async Task The_storyboard_is_spent_from_the_run_budget_and_booked_in_its_ledger_beside_the_video()
    {
        var router = ReasonerRouter.Build(Shots(), Reasoner);
        var session = _harness.Session(budget: 2m);
        var longForm = new LongFormSession(session, ReasonerRouter.StoryboardWriter(router, session.Run));

        var outcome = await longForm.RunAsync(Request(), _harness.Out);

        Assert.Equal(["the lighthouse at dusk", "its lamp turns on", "night falls"], outcome.Storyboard.Shots.Select(s => s.Prompt));
        var storyboard = Assert.Single(session.Ledger.Records, r => r.Task == ModelTasks.Reason);
        Assert.True(storyboard.Dollars > 0);
        Assert.Equal(3, session.Ledger.Records.Count(r => r.Task == "i2v" || r.Task == "t2v"));
        Assert.Equal(session.Ledger.Total().Dollars, session.Budget.Spent);
        Assert.Equal(0.48m + storyboard.Dollars, outcome.Dollars);
    }
}
