using Cuboid.Generation.Catalog;
using Cuboid.Generation.Images;
using Cuboid.Portfolio;
using Cuboid.Testing.Generation;
using Cuboid.Tests.Portfolio;
using Microsoft.Extensions.AI;

namespace Cuboid.Tests.Generation.Images;

/// <summary>Image generation through the portfolio against the image simulator: routing, retries, fallback, refusals, budget and ledger.</summary>
public sealed class PortfolioImageGeneratorTests(ImageSimulatorFixture fixture) : IClassFixture<ImageSimulatorFixture>
{
    private const string Prompt = "a red lighthouse on a cliff";
    private static readonly HttpClient Http = new();
    private readonly string _key = "CUBOID_TEST_IMAGE_KEY_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    private ImageHostSimulator Sim => fixture.Sim;

    private PortfolioImageGenerator Images(decimal? budget = null, bool withKey = true)
    {
        var catalog = TestImageCatalog.For(Sim, _key, DateOnly.FromDateTime(DateTime.UtcNow));
        var hosts = new VideoHostDirectory(catalog, new MapEnvironment(withKey ? new Dictionary<string, string> { [_key] = Sim.ApiKey } : []), Http);
        return new PortfolioImageGenerator(catalog, hosts, new RatingDecay(), new RunBudget(budget), new UsageLedger()) { StartDeadline = TimeSpan.FromSeconds(5) };
    }

    private static ImageGenerationOptions Options(string? model = null, int width = 1024, int height = 1024, string? quality = null, long? seed = null)
    {
        var options = new ImageGenerationOptions { ModelId = model, ImageSize = new System.Drawing.Size(width, height), AdditionalProperties = [] };
        if (quality is not null)
        {
            options.AdditionalProperties[PortfolioImageGenerator.QualityKey] = quality;
        }

        if (seed is not null)
        {
            options.AdditionalProperties[PortfolioImageGenerator.SeedKey] = seed.Value;
        }

        return options;
    }

    [Fact]
    public async Task Text_to_image_goes_to_the_best_model_and_books_the_png_it_delivered()
    {
        var images = Images(budget: 1m);

        var outcome = await images.GenerateRoutedAsync(new ImageGenerationRequest(Prompt), Options());

        Assert.Equal("test:sharp", outcome.Route.Model.Id);
        var png = Assert.Single(outcome.Images);
        Assert.Equal("image/png", png.MediaType);
        Assert.Equal(new Cuboid.Generation.VideoSize(1024, 1024), outcome.Sizes[0]);
        Assert.Equal(SimulatedImageRenderer.PixelAt(Prompt, 0, 1024), SimulatedImageRenderer.ReadPixel(png.Data.ToArray(), 0, 0));
        Assert.Equal(SimulatedImageRenderer.PixelAt(Prompt, 1023, 1024), SimulatedImageRenderer.ReadPixel(png.Data.ToArray(), 1023, 1023));
        Assert.Equal(0.042m, outcome.Dollars);
        Assert.Equal(0.042m, images.Budget.Spent);
        Assert.Equal(0m, images.Budget.Reserved);
        var record = Assert.Single(images.Ledger.Records);
        Assert.Equal(("t2i", CallOutcome.Succeeded, 1, $"openai:{TestImageCatalog.Sharp(_key)}"), (record.Task, record.Outcome, record.Images, record.ModelId));
        Assert.Equal("medium", Sim.Requests.Last(r => r.Model == TestImageCatalog.Sharp(_key)).Quality);
    }

    [Fact]
    public async Task A_quality_and_a_size_are_sent_and_priced()
    {
        var outcome = await Images().GenerateRoutedAsync(new ImageGenerationRequest(Prompt), Options(width: 1536, height: 1024, quality: "low"));

        Assert.Equal(0.016m, outcome.Dollars);
        var sent = Sim.Requests.Last(r => r.Model == TestImageCatalog.Sharp(_key));
        Assert.Equal(("low", 1536, 1024), (sent.Quality, sent.Width, sent.Height));
    }

    [Fact]
    public async Task A_429_is_retried_on_the_same_route_after_its_retry_after()
    {
        Sim.Script(TestImageCatalog.Sharp(_key), ImageFault.RateLimited(TimeSpan.FromSeconds(1)));
        var images = Images();

        var outcome = await images.GenerateRoutedAsync(new ImageGenerationRequest(Prompt), Options());

        Assert.Equal("test:sharp", outcome.Route.Model.Id);
        Assert.Equal(2, Sim.RequestCount(TestImageCatalog.Sharp(_key)));
        Assert.Equal(2, Assert.Single(images.Ledger.Records).Attempts);
    }

    [Fact]
    public async Task A_5xx_falls_over_to_the_next_model_on_fal_without_sending_the_key_to_its_cdn()
    {
        Sim.Script(TestImageCatalog.Sharp(_key), ImageFault.ServerError(503));
        var images = Images();

        var outcome = await images.GenerateRoutedAsync(new ImageGenerationRequest(Prompt), Options());

        Assert.Equal("test:flux", outcome.Route.Model.Id);
        Assert.Equal(0.025m, outcome.Dollars);
        Assert.Equal(SimulatedImageRenderer.PixelAt(Prompt, 5, 1024), SimulatedImageRenderer.ReadPixel(outcome.Images[0].Data.ToArray(), 5, 100));
        Assert.Equal([CallOutcome.Failed, CallOutcome.Succeeded], images.Ledger.Records.Select(r => r.Outcome));
        Assert.Single(outcome.FailedRoutes);
        Assert.Equal(0.025m, images.Budget.Spent);
        Assert.Equal(0, Sim.KeyedFileRequests);
    }

    [Fact]
    public async Task A_content_policy_refusal_fails_at_once_and_no_other_host_is_asked()
    {
        Sim.Script(TestImageCatalog.Sharp(_key), ImageFault.ContentPolicy);
        var images = Images(budget: 1m);

        var error = await Assert.ThrowsAsync<CuboidException>(() => images.GenerateRoutedAsync(new ImageGenerationRequest(Prompt), Options()));

        Assert.Equal(ErrorKind.Provider, error.Kind);
        Assert.Contains("safety system", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Sim.ApiKey, error.Message, StringComparison.Ordinal);
        Assert.Equal(0, Sim.RequestCount(TestImageCatalog.Flux(_key)));
        Assert.Equal(CallOutcome.Failed, Assert.Single(images.Ledger.Records).Outcome);
        Assert.Equal((0m, 0m), (images.Budget.Spent, images.Budget.Reserved));
    }

    [Fact]
    public async Task A_fal_image_flagged_by_the_safety_checker_is_a_content_policy_refusal()
    {
        Sim.Script(TestImageCatalog.Flux(_key), ImageFault.ContentPolicy);

        var error = await Assert.ThrowsAsync<CuboidException>(() => Images().GenerateRoutedAsync(new ImageGenerationRequest(Prompt), Options(model: "test:flux")));

        Assert.Equal(ErrorKind.Provider, error.Kind);
        Assert.Contains("content policy", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Image_to_image_sends_the_reference_to_openai_edits_and_to_fal_as_a_data_uri()
    {
        var reference = SimulatedImageRenderer.Render("the master reference", 64, 36);
        var request = new ImageGenerationRequest(Prompt, [new DataContent(reference, "image/png")]);

        var edited = await Images().GenerateRoutedAsync(request, Options());
        var kontext = await Images().GenerateRoutedAsync(request, Options(model: "test:kontext", width: 1280, height: 720));

        Assert.Equal(("test:sharp", "i2i"), (edited.Route.Model.Id, edited.Plan.Request.Task));
        Assert.Equal(reference, Sim.Requests.Last(r => r.Model == TestImageCatalog.Sharp(_key)).Reference);
        Assert.Equal(SimulatedImageRenderer.PixelAt(Prompt, 0, 1024, reference), SimulatedImageRenderer.ReadPixel(edited.Images[0].Data.ToArray(), 0, 0));
        Assert.Equal(reference, Sim.Requests.Last(r => r.Model == TestImageCatalog.Kontext(_key)).Reference);
        Assert.Equal((new Cuboid.Generation.VideoSize(1280, 720), 0.04m), (kontext.Sizes[0], kontext.Dollars));
    }

    [Fact]
    public async Task A_route_over_budget_is_skipped_for_a_cheaper_one_and_none_fitting_is_a_budget_error()
    {
        var cheaper = await Images(budget: 0.03m).GenerateRoutedAsync(new ImageGenerationRequest(Prompt), Options());
        Assert.Equal("test:flux", cheaper.Route.Model.Id);

        var before = Sim.Requests.Count;
        var error = await Assert.ThrowsAsync<CuboidException>(() => Images(budget: 0.01m).GenerateRoutedAsync(new ImageGenerationRequest(Prompt), Options()));
        Assert.Equal(ErrorKind.Budget, error.Kind);
        Assert.Equal(before, Sim.Requests.Count);
    }

    [Fact]
    public void Routes_that_cannot_serve_a_seed_or_a_size_are_skipped_with_the_reason()
    {
        var seeded = Images().Plan(new ImageGenerationRequest(Prompt), Options(seed: 7));
        Assert.Equal("test:flux", seeded.First!.Model.Id);
        Assert.Contains(seeded.Skipped, s => s.Model == "test:sharp" && s.Reason == "no seed");

        var small = Images().Plan(new ImageGenerationRequest(Prompt), Options(width: 512, height: 512));
        Assert.Contains(small.Skipped, s => s.Model == "test:sharp" && s.Reason.StartsWith("no 512x512 (offers 1024x1024", StringComparison.Ordinal));
        Assert.Equal(0.025m, small.First!.EstimatedCost);
    }

    [Fact]
    public async Task A_pinned_model_that_cannot_make_the_size_is_a_usage_error_and_no_key_is_a_provider_error()
    {
        var size = await Assert.ThrowsAsync<CuboidException>(() => Images().GenerateRoutedAsync(new ImageGenerationRequest(Prompt), Options(model: "test:sharp", width: 512, height: 512)));
        Assert.Equal(ErrorKind.Usage, size.Kind);

        var unknown = Assert.Throws<CuboidException>(() => Images().Plan(new ImageGenerationRequest(Prompt), Options(model: "test:nope")));
        Assert.Equal(ErrorKind.Usage, unknown.Kind);

        var keyless = await Assert.ThrowsAsync<CuboidException>(() => Images(withKey: false).GenerateRoutedAsync(new ImageGenerationRequest(Prompt), Options()));
        Assert.Equal(ErrorKind.Provider, keyless.Kind);
        Assert.Contains(_key, keyless.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task As_an_IImageGenerator_each_image_names_the_route_and_model_that_made_it()
    {
        IImageGenerator generator = Images();

        var response = await generator.GenerateAsync(new ImageGenerationRequest(Prompt), Options(model: "test:flux"));

        var image = Assert.IsType<DataContent>(Assert.Single(response.Contents));
        Assert.Equal($"fal:{TestImageCatalog.Flux(_key)}", image.AdditionalProperties![PortfolioImageGenerator.AnsweredByKey]);
        Assert.Equal("test:flux", image.AdditionalProperties[PortfolioImageGenerator.ModelKey]);
        Assert.Equal(0.025m, image.AdditionalProperties[PortfolioImageGenerator.DollarsKey]);
    }
}
