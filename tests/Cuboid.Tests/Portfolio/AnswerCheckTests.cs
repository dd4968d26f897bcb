using Cuboid.Portfolio;
using Cuboid.Portfolio.Providers;
using Cuboid.Testing.Simulators;
using Cuboid.Understanding;

namespace Cuboid.Tests.Portfolio;

/// <summary>
/// An answer that fails its check through the router and the real adapters over loopback HTTP: the summary's JSON asked
/// of a reasoner that answers prose. One repair on the same model; a second failure moves to the next reasoner, and the
/// ledger books every paid call.
/// </summary>
public sealed class AnswerCheckTests : IClassFixture<RouterSimulatorFixture>
{
    private const string Prose = "prose-model";
    private const string Json = "json-model";
    private const string Summary = """{"summary":"A talk.","chapters":[{"start":"00:00","end":"01:00","title":"Intro","summary":"a"}],"key_moments":[],"topics":["talk"]}""";
    private const string Chatter = "Sure! The video is a talk about cuboids, with an intro and a demo.";
    private readonly ProviderSimulator _sim;

    public AnswerCheckTests(RouterSimulatorFixture fixture)
    {
        _sim = fixture.Fresh(r => r.Model == Prose ? Chatter : Summary);
    }

    private RunScope Build(bool jsonModelTakesSchemas = true)
    {
        var catalog = new ModelCatalog
        {
            Providers = [new CatalogProvider { Id = "sim", ApiKind = "openai", BaseUrl = new Uri(_sim.BaseUri, "v1").ToString(), KeyEnv = "SIM_KEY" }],
            Models =
            [
                PortfolioHarness.Model($"sim:{Prose}", ["reason"], 128_000, 1m, 4m, ("reason", 90)) with { StructuredOutput = true },
                PortfolioHarness.Model($"sim:{Json}", ["reason"], 128_000, 1m, 4m, ("reason", 80)) with { StructuredOutput = jsonModelTakesSchemas },
            ],
        };
        var settings = new PortfolioSettings { Resilience = new ResilienceSettings { MaxAttempts = 2, BaseDelaySeconds = 0.01, MaxDelaySeconds = 0.05, CallTimeoutSeconds = 10 } };
        var adapters = ProviderAdapters.Create(new ProviderAdapterOptions());
        return new ModelRouter(catalog, settings, adapters.ApiKinds.Select(adapters.Get),
            new MapEnvironment(new Dictionary<string, string> { ["SIM_KEY"] = ProviderSimulator.DefaultApiKey })).BeginRun();
    }

    private static Task<SynthesisResult> Synthesize(RunScope portfolio) =>
        new Synthesizer(portfolio.GetChatClient(ModelTasks.Reason, new RouteConstraints { Policy = RoutingPolicy.Quality }), 128_000)
            .SynthesizeAsync([new TimelineEntry(0, TimelineKind.Frame, "a slide")], 60, null);

    private static (string, CallOutcome)[] Path(RunScope portfolio) =>
        [.. portfolio.Ledger.Records.Select(r => (r.ModelId, r.Outcome))];

    [Fact]
    public async Task Prose_twice_from_the_first_reasoner_falls_over_to_the_next_and_the_ledger_books_both()
    {
        var portfolio = Build();

        var result = await Synthesize(portfolio);

        Assert.Equal("A talk.", result.Summary);
        Assert.Equal([($"sim:{Prose}", CallOutcome.Rejected), ($"sim:{Prose}", CallOutcome.Rejected), ($"sim:{Json}", CallOutcome.Succeeded)], Path(portfolio));
        Assert.All(portfolio.Ledger.Records, r => Assert.True(r.Dollars > 0, r.Describe()));
        Assert.Contains("not valid JSON", portfolio.Ledger.Records[0].Error, StringComparison.Ordinal);
        Assert.Equal(portfolio.Ledger.Total().Dollars, portfolio.Budget.Spent);

        // The repair went to the same model, carrying its own answer and what was wrong with it.
        var prose = _sim.Requests.Where(r => r.Model == Prose).ToList();
        Assert.Equal(2, prose.Count);
        Assert.Equal(Chatter, prose[1].Messages[^2].Text);
        Assert.Contains("could not be used: the answer is not valid JSON", prose[1].LastUserText, StringComparison.Ordinal);
        Assert.Equal(1, _sim.CallCount(Json));
    }

    [Fact]
    public async Task A_successful_repair_stays_on_the_same_model()
    {
        var answers = new Queue<string>([Chatter, Summary]);
        _sim.Respond(r => r.Model == Prose ? answers.Dequeue() : Summary);
        var portfolio = Build();

        var result = await Synthesize(portfolio);

        Assert.Equal("A talk.", result.Summary);
        Assert.Equal([($"sim:{Prose}", CallOutcome.Rejected), ($"sim:{Prose}", CallOutcome.Succeeded)], Path(portfolio));
        Assert.Equal(0, _sim.CallCount(Json));
    }

    [Fact]
    public async Task When_every_reasoner_answers_prose_the_error_names_each_and_why()
    {
        _sim.Respond(_ => Chatter);
        var portfolio = Build();

        var ex = await Assert.ThrowsAsync<CuboidException>(() => Synthesize(portfolio));

        Assert.Equal(ErrorKind.Provider, ex.Kind);
        Assert.StartsWith($"no model gave a usable answer for task 'reason': sim:{Prose}: the answer is not valid JSON", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"; sim:{Json}: the answer is not valid JSON", ex.Message, StringComparison.Ordinal);
        Assert.Equal(4, portfolio.Ledger.Records.Count(r => r.Outcome == CallOutcome.Rejected));
    }

    [Fact]
    public async Task The_schema_goes_only_to_models_that_take_it_and_the_check_never_reaches_the_wire()
    {
        var portfolio = Build(jsonModelTakesSchemas: false);

        await Synthesize(portfolio);

        Assert.All(_sim.Requests.Where(r => r.Model == Prose), r => Assert.Equal("json_schema", r.ResponseFormat));
        Assert.Equal("json_object", _sim.Requests.Single(r => r.Model == Json).ResponseFormat);
        Assert.Contains("video_summary", _sim.Requests[0].RawBody, StringComparison.Ordinal);
        Assert.All(_sim.Requests, r => Assert.DoesNotContain(AnswerCheck.Key, r.RawBody, StringComparison.Ordinal));
    }
}
