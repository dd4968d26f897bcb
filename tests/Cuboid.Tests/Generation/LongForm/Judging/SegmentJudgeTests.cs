using System.Text.Json;
using Cuboid.Generation.LongForm;
using Cuboid.Portfolio;
using Cuboid.Testing.Simulators;
using Cuboid.Tests.Portfolio;

namespace Cuboid.Tests.Generation.LongForm.Judging;

/// <summary>
/// <c>--judge</c> on a real long-form run over the drifting video simulator, with the captioner and the reasoning model
/// on the chat simulator (OpenAI wire protocol on loopback): the scores land in drift.json and drift.html, the plan prices
/// the judge and the budget refuses it up front, an unusable answer is a warning, and a resumed run pays for no judge call twice.
/// </summary>
public sealed class SegmentJudgeTests(VideoSimulatorFixture fixture, RouterSimulatorFixture chat)
    : IClassFixture<VideoSimulatorFixture>, IClassFixture<RouterSimulatorFixture>, IDisposable
{
    // Dear enough ($100 / $400 per million tokens) that three captions and the scoring call cost cents, not fractions of them.
    private static readonly CatalogModel Captioner = PortfolioHarness.Model("sim:eye", ["caption"], 128_000, 100m, 400m, ("caption", 90));
    private static readonly CatalogModel Reasoner = PortfolioHarness.Model("sim:judge", ["reason"], 128_000, 100m, 400m, ("reason", 90)) with { StructuredOutput = true };

    private const string Scores = """{"segments":[{"segment":1,"score":8,"reason":"the lighthouse stands at dusk"},{"segment":2,"score":4.5,"reason":"the sky is too bright for dusk"},{"segment":3,"score":9,"reason":"all of the prompt is visible"}]}""";

    private readonly LongFormHarness _harness = new(fixture.Sim);

    public void Dispose() => _harness.Dispose();

    private static LongFormRequest Request() =>
        LongFormHarness.Request(LongFormStrategy.Chain, 3) with { Gates = DriftGates.Parse("off"), Judge = true };

    // Captions for requests with an image, the reasoner's answer for the rest.
    private ProviderSimulator Answering(string scores) =>
        chat.Fresh(request => request.Images.Count > 0 ? "A white lighthouse on a rocky coast under an orange evening sky." : scores);

    private LongFormSession Session(ModelRouter router, decimal? budget = null)
    {
        var session = _harness.Session(budget);
        return new LongFormSession(session) { Judge = SegmentJudge.FromRouter(router, session.Run) };
    }

    private int Captions => chat.Sim.Requests.Count(r => r.Images.Count > 0);

    private int Scorings => chat.Sim.Requests.Count(r => r.Images.Count == 0);

    [Fact]
    public async Task Every_segment_is_captioned_and_scored_into_drift_json_and_html_and_booked_in_the_run()
    {
        var router = ReasonerRouter.Build(Answering(Scores), Captioner, Reasoner);
        var session = _harness.Session(budget: 2m);
        var longForm = new LongFormSession(session) { Judge = SegmentJudge.FromRouter(router, session.Run) };

        var outcome = await longForm.RunAsync(Request(), _harness.Out);

        var verdicts = DriftJson.Deserialize(File.ReadAllText(Path.Combine(_harness.Out, DriftReportFolder.JsonName))).Judgements!;
        Assert.Equal([8, 4.5, 9], verdicts.Select(v => v.Score!.Value));
        Assert.Equal([0, 1, 2], verdicts.Select(v => v.Index));
        Assert.Equal("the sky is too bright for dusk", verdicts[1].Reason);
        Assert.All(verdicts, v => Assert.StartsWith("A white lighthouse", v.Caption, StringComparison.Ordinal));
        Assert.All(verdicts, v => Assert.Equal(("sim:eye", "sim:judge"), (v.CaptionModel, v.Reasoner)));
        Assert.All(verdicts, v => Assert.True(v.Dollars > 0));
        // The middle of each 2 s segment of the joined video.
        Assert.All(verdicts, v => Assert.InRange(v.Time - (2 * v.Index), 0.6, 1.4));
        Assert.Empty(outcome.Warnings);

        // One caption per segment, then one scoring call that carries every prompt beside its caption.
        Assert.Equal((3, 1), (Captions, Scorings));
        var scoring = chat.Sim.Requests.Single(r => r.Images.Count == 0);
        Assert.Equal("json_schema", scoring.ResponseFormat);
        Assert.Contains("Segment 3 (", scoring.LastUserText, StringComparison.Ordinal);
        Assert.Contains("Caption: A white lighthouse", scoring.LastUserText, StringComparison.Ordinal);

        var judged = session.Ledger.Records.Where(r => r.Task is ModelTasks.Caption or ModelTasks.Reason).Sum(r => r.Dollars);
        Assert.Equal(4, session.Ledger.Records.Count(r => r.Task is ModelTasks.Caption or ModelTasks.Reason));
        Assert.Equal(judged, verdicts.Sum(v => v.Dollars));
        Assert.Equal(0.48m + judged, outcome.Dollars);
        Assert.Equal(session.Ledger.Total().Dollars, session.Budget.Spent);

        var html = File.ReadAllText(Path.Combine(_harness.Out, DriftReportFolder.HtmlName));
        Assert.Contains("<section id=\"judge\">", html, StringComparison.Ordinal);
        Assert.Contains("mean score 7.2 of 10", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"over\">4.5</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_plan_prices_one_caption_per_segment_and_one_scoring_call_in_its_totals()
    {
        var router = ReasonerRouter.Build(Answering(Scores), Captioner, Reasoner);
        var longForm = Session(router);

        var plan = longForm.Plan(Request());
        var without = longForm.Plan(Request() with { Judge = false });

        var judging = plan.Judging!;
        Assert.True(judging.CanRun);
        Assert.Equal(("sim:eye", 3), (judging.Captions.Model, judging.Captions.Calls));
        Assert.Equal(("sim:judge", 1), (judging.Scoring.Model, judging.Scoring.Calls));
        Assert.True(judging.Captions.Dollars > 0.1m, $"captions {judging.Captions.Dollars}");
        Assert.True(judging.Scoring.Dollars > 0.01m, $"scoring {judging.Scoring.Dollars}");
        Assert.True(judging.WorstCaseDollars > judging.Dollars);
        Assert.Equal(without.ExpectedDollars + judging.Dollars, plan.ExpectedDollars);
        Assert.Equal(without.WorstCaseDollars + judging.WorstCaseDollars, plan.WorstCaseDollars);
        Assert.Null(without.Judging);
        Assert.Equal(0, chat.Sim.CallCount());
    }

    [Fact]
    public async Task A_budget_that_covers_the_video_but_not_the_judge_is_refused_before_any_spend()
    {
        var router = ReasonerRouter.Build(Answering(Scores), Captioner, Reasoner);
        var longForm = Session(router, budget: 0.50m);
        Assert.True(longForm.Plan(Request()).ExpectedDollars > 0.50m);

        var error = await _harness.RefusedBeforeAnySpendAsync(longForm, Request(), chat.Sim);

        Assert.Equal(ErrorKind.Budget, error.Kind);
    }

    [Fact]
    public async Task Judging_without_a_captioner_is_refused_before_any_spend()
    {
        var router = ReasonerRouter.Build(Answering(Scores), Reasoner);
        var longForm = Session(router);

        var error = await _harness.RefusedBeforeAnySpendAsync(longForm, Request(), chat.Sim);

        Assert.Equal((ErrorKind.Provider, CuboidParameters.Judge), (error.Kind, error.Parameter));
        Assert.Contains("needs a captioner", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unusable_scoring_answer_is_a_warning_and_a_resumed_run_scores_without_captioning_again()
    {
        var router = ReasonerRouter.Build(Answering("the segments look fine to me"), Captioner, Reasoner);

        var first = await Session(router).RunAsync(Request(), _harness.Out);

        // The router asked once more with the problem (the repair), then gave up: a warning, not a failed video.
        Assert.Equal((3, 2), (Captions, Scorings));
        var warning = Assert.Single(first.Warnings);
        Assert.Contains("could not score the segments", warning, StringComparison.Ordinal);
        Assert.All(first.Drift.Report.Judgements!, v => Assert.Null(v.Score));
        Assert.All(first.Drift.Report.Judgements!, v => Assert.NotEmpty(v.Caption));
        Assert.True(File.Exists(Path.Combine(_harness.Out, LongFormSession.VideoName)));

        var resumed = await Session(ReasonerRouter.Build(Answering(Scores), Captioner, Reasoner)).RunAsync(Request(), _harness.Out);

        Assert.Equal((0, 1), (Captions, Scorings));
        Assert.Equal([8, 4.5, 9], resumed.Drift.Report.Judgements!.Select(v => v.Score!.Value));
        Assert.Empty(resumed.Warnings);
    }

    [Fact]
    public async Task A_finished_judged_run_started_again_makes_no_judge_call()
    {
        var router = ReasonerRouter.Build(Answering(Scores), Captioner, Reasoner);
        var first = await Session(router).RunAsync(Request(), _harness.Out);
        var calls = chat.Sim.CallCount();

        var again = await Session(router).RunAsync(Request(), _harness.Out);

        Assert.Equal(4, calls);
        Assert.Equal(calls, chat.Sim.CallCount());
        Assert.Equal(3, again.ResumedSegments);
        Assert.Equal(first.Drift.Report.Judgements, again.Drift.Report.Judgements);
        Assert.Equal(first.Dollars, again.Dollars);
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(_harness.Out, LongFormManifest.FileName)));
        Assert.Equal(3, manifest.RootElement.GetProperty("judgements").GetArrayLength());
    }
}
