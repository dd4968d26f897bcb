using Cuboid.Portfolio;
using Microsoft.Extensions.Time.Testing;

namespace Cuboid.Tests.Portfolio;

public sealed class CatalogUpdaterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cuboid-update-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Overlay => Path.Combine(_dir, "catalog.json");

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    internal const string OpenRouterList = """
        {
          "data": [
            {
              "id": "google/gemini-2.5-flash",
              "canonical_slug": "google/gemini-2.5-flash",
              "name": "Google: Gemini 2.5 Flash",
              "created": 1750172488,
              "context_length": 1048576,
              "architecture": { "modality": "text+image->text", "input_modalities": ["text", "image", "file", "audio"], "output_modalities": ["text"], "tokenizer": "Gemini" },
              "pricing": { "prompt": "0.0000003", "completion": "0.0000025", "request": "0", "image": "0.001238" },
              "expiration_date": null
            },
            {
              "id": "acme/new-reasoner",
              "name": "Acme: New Reasoner",
              "created": 1763000000,
              "context_length": 262144,
              "architecture": { "input_modalities": ["text"] },
              "pricing": { "prompt": "0.0000002", "completion": "0.0000008" },
              "expiration_date": "2027-01-31"
            },
            {
              "id": "openrouter/auto",
              "name": "Auto Router",
              "created": 1699401600,
              "context_length": 2000000,
              "architecture": { "input_modalities": ["text", "image"] },
              "pricing": { "prompt": "-1", "completion": "-1" }
            }
          ]
        }
        """;

    [Fact]
    public async Task OpenRouter_model_list_becomes_overlay_models_with_prices_per_million_tokens()
    {
        var source = Write("models.json", OpenRouterList);

        var result = await new CatalogUpdater(_time).UpdateAsync(source, Overlay);

        Assert.Equal(("openrouter", 1, 1, 1), (result.Format, result.ModelsAdded, result.ModelsUpdated, result.Skipped));
        var overlay = ModelCatalog.Load(Overlay);
        var reasoner = overlay.FindModel("openrouter:acme/new-reasoner")!;
        Assert.Equal((0.2m, 0.8m), (reasoner.Prices!.InputPerMTok!.Value, reasoner.Prices.OutputPerMTok!.Value));
        Assert.Equal(262_144, reasoner.ContextWindow);
        Assert.Equal(new DateOnly(2027, 1, 31), reasoner.ShutDown);
        Assert.Equal(["chat", "reason"], reasoner.Tasks);
        Assert.Equal(new DateOnly(2025, 11, 13), reasoner.Released);
        Assert.Null(overlay.FindModel("openrouter:openrouter/auto"));
        Assert.Equal(new DateOnly(2026, 11, 25), overlay.Updated);

        var merged = ModelCatalog.Shipped().MergedWith(overlay);
        var flash = merged.FindModel("openrouter:google/gemini-2.5-flash")!;
        Assert.Equal(0.001238m, flash.Prices!.PerImage);
        Assert.Contains("reason", flash.Tasks!);
    }

    [Fact]
    public async Task Rating_snapshots_in_csv_and_json_add_dated_ratings_that_the_router_decays()
    {
        var csv = Write("arena-2026-11.csv", "model,task,rating,date\nopenai:gpt-4.1-mini,caption,91,2026-11-24\nollama:qwen2.5vl:7b,caption,40,2026-11-24\n");
        var json = Write("snapshot.json", """[ { "model": "gemini:gemini-3-flash", "task": "caption", "rating": 55.5, "date": "2026-11-20", "source": "my-eval" } ]""");
        var updater = new CatalogUpdater(_time);

        var fromCsv = await updater.UpdateAsync(csv, Overlay);
        var fromJson = await updater.UpdateAsync(json, Overlay);

        Assert.Equal(("ratings", 2, 0), (fromCsv.Format, fromCsv.RatingsAdded, fromCsv.ModelsAdded));
        Assert.Equal(1, fromJson.RatingsAdded);
        var catalog = ModelCatalog.Shipped().MergedWith(ModelCatalog.Load(Overlay));
        var mini = RatingDecay.Latest(catalog.FindModel("openai:gpt-4.1-mini")!, "caption")!;
        Assert.Equal((91d, "arena-2026-11"), (mini.Rating, mini.Source));
        Assert.Equal("my-eval", RatingDecay.Latest(catalog.FindModel("gemini:gemini-3-flash")!, "caption")!.Source);
        // The shipped prices survive a ratings-only overlay.
        Assert.Equal(0.40m, catalog.FindModel("openai:gpt-4.1-mini")!.Prices!.InputPerMTok);
    }

    [Fact]
    public async Task Quoted_csv_cells_keep_their_commas_and_quotes_and_columns_may_come_in_any_order_or_case()
    {
        var csv = Write("quoted.csv", "Source,Rating,Date,Task,Model\n\"Arena, \"\"video\"\" board\",88.5,2026-11-24,caption,openai:gpt-4.1-mini\n\n");

        var result = await new CatalogUpdater(_time).UpdateAsync(csv, Overlay);

        Assert.Equal(1, result.RatingsAdded);
        var catalog = ModelCatalog.Shipped().MergedWith(ModelCatalog.Load(Overlay));
        var rating = RatingDecay.Latest(catalog.FindModel("openai:gpt-4.1-mini")!, "caption")!;
        Assert.Equal((88.5d, "Arena, \"video\" board"), (rating.Rating, rating.Source));
    }

    [Fact]
    public async Task A_tab_separated_ratings_file_reads_like_a_csv()
    {
        var tsv = Write("ratings.tsv", "model\ttask\trating\tdate\nopenai:gpt-4.1-mini\tcaption\t77\t2026-11-24\n");

        var result = await new CatalogUpdater(_time).UpdateAsync(tsv, Overlay);

        Assert.Equal(("ratings", 1), (result.Format, result.RatingsAdded));
    }

    [Fact]
    public async Task Ratings_for_unknown_models_are_kept_with_a_warning()
    {
        var csv = Write("r.csv", "model,task,rating,date,source\nacme:ghost,caption,50,2026-11-01,x\n");

        var result = await new CatalogUpdater(_time).UpdateAsync(csv, Overlay);

        Assert.Contains(result.Warnings, w => w.Contains("acme:ghost", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("bad.csv", "model,rating\nopenai:gpt-4.1-mini,3\n", "header")]
    [InlineData("bad2.csv", "model,task,rating,date\nopenai:gpt-4.1-mini,caption,high,2026-11-01\n", "row 1")]
    [InlineData("bad.json", "{ \"something\": 1 }", "expected OpenRouter")]
    [InlineData("bad2.json", "{ broken", "not valid JSON")]
    [InlineData("empty.csv", "model,task,rating,date\n", "has no rating rows")]
    [InlineData("rows.json", "[ 1, 2 ]", "must be an object")]
    [InlineData("routers.json", "{ \"data\": [ { \"id\": \"openrouter/auto\", \"pricing\": { \"prompt\": \"-1\", \"completion\": \"-1\" } } ] }", "no usable model")]
    public async Task Bad_sources_are_input_errors_and_leave_the_overlay_alone(string name, string text, string expected)
    {
        var path = Write(name, text);

        var ex = await Assert.ThrowsAsync<CuboidException>(() => new CatalogUpdater(_time).UpdateAsync(path, Overlay));

        Assert.Equal(ErrorKind.Input, ex.Kind);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Overlay));
    }

    [Fact]
    public async Task A_config_file_named_as_the_catalog_is_refused_and_left_intact()
    {
        const string config = """{"budget": 2.5, "tasks": {"caption": {"policy": "cost"}}}""";
        var target = Write("cuboid.json", config);
        var csv = Write("r.csv", "model,task,rating,date\nopenai:gpt-5-mini,caption,70,2026-11-01\n");

        var ex = await Assert.ThrowsAsync<CuboidException>(() => new CatalogUpdater(_time).UpdateAsync(csv, target));

        Assert.Equal(ErrorKind.Input, ex.Kind);
        Assert.Contains("is not a valid catalog: unknown setting 'budget' (see docs/CATALOG.md)", ex.Message, StringComparison.Ordinal);
        Assert.Equal(config, File.ReadAllText(target));
    }

    [Fact]
    public async Task A_url_source_is_downloaded()
    {
        using var http = new HttpClient(new StubHandler(System.Net.HttpStatusCode.OK, OpenRouterList));

        var result = await new CatalogUpdater(_time, http).UpdateAsync("https://openrouter.ai/api/v1/models", Overlay);

        Assert.Equal(("openrouter", 1), (result.Format, result.ModelsAdded));
        Assert.NotNull(ModelCatalog.Load(Overlay).FindModel("openrouter:acme/new-reasoner"));
    }

    [Fact]
    public async Task A_failed_download_is_an_input_error()
    {
        using var http = new HttpClient(new StubHandler(System.Net.HttpStatusCode.NotFound, "{}"));

        var ex = await Assert.ThrowsAsync<CuboidException>(() => new CatalogUpdater(_time, http).UpdateAsync("https://example.invalid/models?token=abc", Overlay));

        Assert.Equal(ErrorKind.Input, ex.Kind);
        Assert.Contains("HTTP 404", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("token=abc", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Overlay));
    }

    private sealed class StubHandler(System.Net.HttpStatusCode status, string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body) });
    }

    [Fact]
    public async Task A_missing_source_file_is_an_input_error()
    {
        var ex = await Assert.ThrowsAsync<CuboidException>(() => new CatalogUpdater(_time).UpdateAsync(Path.Combine(_dir, "none.json"), Overlay));

        Assert.Equal(ErrorKind.Input, ex.Kind);
    }
}
