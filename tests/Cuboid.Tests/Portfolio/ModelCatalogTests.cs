using Cuboid.Portfolio;

namespace Cuboid.Tests.Portfolio;

public class ModelCatalogTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);

    [Fact]
    public void Shipped_catalog_loads_with_valid_ids_known_providers_and_prices()
    {
        var catalog = ModelCatalog.Shipped();

        Assert.True(catalog.Models.Count >= 20);
        foreach (var model in catalog.Models)
        {
            Assert.NotNull(catalog.FindProvider(model.Provider));
            Assert.NotEmpty(model.Tasks!);
            Assert.NotNull(model.Prices);
            Assert.NotNull(model.Released);
            Assert.All(model.Ratings!, r => Assert.True(r.Observed <= Today, $"{model.Id} has a rating from the future"));
        }

        Assert.Equal(catalog.Models.Count, catalog.Models.Select(m => m.Id).Distinct().Count());
    }

    [Theory]
    [InlineData("openai:gpt-4.1-mini", "caption")]
    [InlineData("openai:gpt-4o-mini", "caption")]
    [InlineData("openai:whisper-1", "transcribe")]
    [InlineData("openai:gpt-4o-mini-transcribe", "transcribe")]
    [InlineData("gemini:gemini-2.5-flash-lite", "caption")]
    [InlineData("gemini:gemini-2.5-pro", "reason")]
    [InlineData("gemini:gemini-3-flash", "video-understanding")]
    [InlineData("groq:whisper-large-v3", "transcribe")]
    [InlineData("ollama:qwen2.5vl:7b", "caption")]
    [InlineData("ollama:llama3.2-vision", "caption")]
    [InlineData("anthropic:claude-sonnet-4-5", "reason")]
    [InlineData("openrouter:google/gemini-2.5-flash", "caption")]
    public void Shipped_catalog_has_the_reference_models(string id, string task)
    {
        var model = ModelCatalog.Shipped().FindModel(id);

        Assert.NotNull(model);
        Assert.True(model.Serves(task));
        Assert.False(model.IsRetired(Today));
    }

    [Fact]
    public void Shipped_prices_match_the_reference_notes()
    {
        var catalog = ModelCatalog.Shipped();

        Assert.Equal(0.006m, catalog.FindModel("openai:whisper-1")!.Prices!.PerAudioMinute);
        Assert.Equal(0.003m, catalog.FindModel("openai:gpt-4o-mini-transcribe")!.Prices!.PerAudioMinute);
        var flash = catalog.FindModel("gemini:gemini-2.5-flash")!.Prices!;
        Assert.Equal((0.30m, 2.50m), (flash.InputPerMTok!.Value, flash.OutputPerMTok!.Value));
        var gemini3 = catalog.FindModel("gemini:gemini-3-flash")!.Prices!;
        Assert.Equal((0.50m, 3.00m, 70), (gemini3.InputPerMTok!.Value, gemini3.OutputPerMTok!.Value, gemini3.ImageInputTokens!.Value));
        Assert.NotNull(gemini3.VideoInputTokensPerSecond);
        Assert.Equal(0m, catalog.FindModel("ollama:qwen2.5vl:7b")!.Prices!.InputPerMTok);
    }

    [Fact]
    public void Shipped_catalog_keeps_retired_models_as_data()
    {
        var catalog = ModelCatalog.Shipped();

        Assert.Contains(catalog.Models, m => m.ShutDown is { } s && s <= Today);
        Assert.Contains(catalog.Models, m => m.Deprecated is { } d && d <= Today && m.ShutDown is null);
    }

    [Fact]
    public void Overlay_merges_by_id_field_by_field_and_adds_new_models_and_providers()
    {
        var overlay = new ModelCatalog
        {
            Providers = [new CatalogProvider { Id = "alpha", ApiKind = "openai", BaseUrl = "https://proxy.example/v1", KeyEnv = "ALPHA_KEY" }],
            Models =
            [
                new CatalogModel
                {
                    Id = "alpha:big",
                    Prices = new ModelPrices { OutputPerMTok = 3.5m },
                    Ratings = [new ModelRating("caption", 50, "overlay", new DateOnly(2026, 11, 24))],
                },
                new CatalogModel { Id = "alpha:new", Tasks = ["chat"], ContextWindow = 4096 },
            ],
        };

        var merged = PortfolioHarness.TestCatalog.MergedWith(overlay);

        var big = merged.FindModel("alpha:big")!;
        Assert.Equal(1.00m, big.Prices!.InputPerMTok);
        Assert.Equal(3.5m, big.Prices.OutputPerMTok);
        Assert.Equal(1_000_000, big.ContextWindow);
        Assert.Equal(4, big.Ratings!.Count);
        Assert.Equal(50, RatingDecay.Latest(big, "caption")!.Rating);
        Assert.NotNull(merged.FindModel("alpha:new"));
        Assert.Equal("https://proxy.example/v1", merged.FindProvider("alpha")!.BaseUrl);
        Assert.Equal(PortfolioHarness.TestCatalog.Providers.Count, merged.Providers.Count);
    }

    [Fact]
    public void A_broken_catalog_file_is_an_input_error()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cuboid-bad-catalog-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, "{ \"models\": [ { \"id\": \"no-colon\" } ] }");
        try
        {
            var ex = Assert.Throws<CuboidException>(() => ModelCatalog.Load(path));
            Assert.Equal(ErrorKind.Input, ex.Kind);
            Assert.Contains("no-colon", ex.Message, StringComparison.Ordinal);

            File.WriteAllText(path, "{ not json");
            Assert.Equal(ErrorKind.Input, Assert.Throws<CuboidException>(() => ModelCatalog.Load(path)).Kind);
            Assert.Equal(ErrorKind.Input, Assert.Throws<CuboidException>(() => ModelCatalog.Load(path + ".missing")).Kind);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Catalog_round_trips_through_its_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cuboid-catalog-{Guid.NewGuid():N}.json");
        try
        {
            PortfolioHarness.TestCatalog.Save(path);
            var loaded = ModelCatalog.Load(path);

            Assert.Equal(PortfolioHarness.TestCatalog.Models.Select(m => m.Id), loaded.Models.Select(m => m.Id));
            Assert.Equal(new DateOnly(2026, 1, 1), loaded.FindModel("beta:old")!.ShutDown);
            Assert.Equal(0.006m, loaded.FindModel("alpha:ears")!.Prices!.PerAudioMinute);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("ollama:qwen2.5vl:7b", "ollama", "qwen2.5vl:7b")]
    [InlineData("openrouter:google/gemini-2.5-flash", "openrouter", "google/gemini-2.5-flash")]
    public void Model_ids_split_at_the_first_colon(string value, string provider, string model)
    {
        var id = ModelId.Parse(value);

        Assert.Equal((provider, model), (id.Provider, id.Model));
        Assert.Equal(value, id.ToString());
    }

    [Theory]
    [InlineData("gpt-4o")]
    [InlineData(":model")]
    [InlineData("openai:")]
    public void Malformed_model_ids_are_usage_errors(string value)
    {
        Assert.Equal(ErrorKind.Usage, Assert.Throws<CuboidException>(() => ModelId.Parse(value)).Kind);
    }
}
