using Cuboid.Generation.LongForm;
using Cuboid.Portfolio;
using Cuboid.Portfolio.Providers;
using Cuboid.Testing.Simulators;
using Cuboid.Tests.Portfolio;

namespace Cuboid.Tests.Generation.LongForm;

/// <summary>Storyboards: loaded from story.json, split evenly, or written by the reasoning model through the portfolio
/// (the loopback provider simulator on the OpenAI wire, structured output asked for, the call priced and booked).</summary>
public sealed class StoryboardTests(RouterSimulatorFixture fixture) : IClassFixture<RouterSimulatorFixture>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cuboid-storyboard-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private RunScope Portfolio()
    {
        var catalog = new ModelCatalog
        {
            Providers = [new CatalogProvider { Id = "sim", ApiKind = "openai", BaseUrl = new Uri(fixture.Sim.BaseUri, "v1").ToString(), KeyEnv = "SIM_STORY_KEY" }],
            Models = [PortfolioHarness.Model("sim:planner", ["reason"], 128_000, 2m, 8m, ("reason", 90)) with { StructuredOutput = true }],
        };
        var adapters = ProviderAdapters.Create(new ProviderAdapterOptions());
        return new ModelRouter(catalog, PortfolioHarness.FastSettings, adapters.ApiKinds.Select(adapters.Get),
            new MapEnvironment(new Dictionary<string, string> { ["SIM_STORY_KEY"] = ProviderSimulator.DefaultApiKey })).BeginRun();
    }

    [Fact]
    public void An_even_storyboard_covers_the_length_with_a_shorter_last_shot()
    {
        var board = Storyboard.Even("a fox in the snow", 20, 8);

        Assert.Equal([8, 8, 4], board.Shots.Select(s => s.Seconds));
        Assert.All(board.Shots, s => Assert.Equal("a fox in the snow", s.Prompt));
        Assert.Equal(20, board.TotalSeconds);
    }

    [Fact]
    public void A_storyboard_file_loads_with_anchor_paths_relative_to_it_and_a_bad_one_is_one_clear_error()
    {
        var path = Path.Combine(_folder, "story.json");
        File.WriteAllText(path, """{"shots":[{"prompt":"dawn over the harbour","seconds":8},{"prompt":"the boats leave","seconds":6}],"anchors":["hero.png"]}""");
        var bad = Path.Combine(_folder, "bad.json");
        File.WriteAllText(bad, """{"shots":[{"prompt":"","seconds":8}]}""");

        var board = Storyboard.Load(path);

        Assert.Equal(14, board.TotalSeconds);
        Assert.Equal(Path.Combine(_folder, "hero.png"), Assert.Single(board.Anchors));
        Assert.Equal(ErrorKind.Usage, Assert.Throws<CuboidException>(() => Storyboard.Load(bad)).Kind);
        Assert.Equal(ErrorKind.Input, Assert.Throws<CuboidException>(() => Storyboard.Load(Path.Combine(_folder, "none.json"))).Kind);
    }

    [Fact]
    public async Task The_reasoning_model_writes_one_prompt_per_shot_as_structured_output_and_cuboid_keeps_the_timing()
    {
        fixture.Fresh(_ => """{"shots":[{"prompt":"A red kite rises over the dunes."},{"prompt":"The kite dips toward the sea."},{"prompt":"An extra shot the plan has no room for."}]}""");
        var portfolio = Portfolio();

        var board = await new StoryboardWriter(portfolio.GetChatClient(ModelTasks.Reason)).WriteAsync("a red kite over the dunes", [8, 4], []);

        Assert.Equal(["A red kite rises over the dunes.", "The kite dips toward the sea."], board.Shots.Select(s => s.Prompt));
        Assert.Equal([8, 4], board.Shots.Select(s => s.Seconds));
        var call = Assert.Single(fixture.Sim.Calls).Request;
        Assert.Equal("json_schema", call.ResponseFormat);
        Assert.Contains("exactly 2 consecutive shots", call.LastUserText, StringComparison.Ordinal);
        Assert.Equal("sim:planner", Assert.Single(portfolio.Ledger.Records).ModelId);
        Assert.True(portfolio.Plan(ModelTasks.Reason, estimate: StoryboardWriter.Estimate("a red kite over the dunes", 2)).First!.EstimatedCost > 0);
    }

    [Fact]
    public async Task A_storyboard_answer_that_is_not_the_json_asked_for_is_a_provider_error()
    {
        fixture.Fresh(_ => "Here is a lovely storyboard: first the kite, then the sea.");

        var error = await Assert.ThrowsAsync<CuboidException>(() =>
            new StoryboardWriter(Portfolio().GetChatClient(ModelTasks.Reason)).WriteAsync("a kite", [8], []));

        Assert.Equal(ErrorKind.Provider, error.Kind);
    }
}
