using Cuboid.Portfolio;
using Microsoft.Extensions.AI;

namespace Cuboid.Tests.Portfolio;

public class RoutePlannerTests
{
    private static string[] Order(RoutePlan plan) => [.. plan.Candidates.Select(c => c.ModelId)];

    [Fact]
    public void Only_models_whose_provider_has_a_key_or_a_local_endpoint_are_candidates()
    {
        var harness = new PortfolioHarness();
        harness.Env.Remove("BETA_KEY");

        var plan = harness.Build().Plan("caption");

        Assert.Equal(["alpha:big", "alpha:small"], Order(plan).Order());
        Assert.Contains(plan.Excluded, e => e.ModelId == "beta:mid" && e.Reason.Contains("BETA_KEY is not set", StringComparison.Ordinal));
        Assert.Contains(plan.Excluded, e => e.ModelId == "local:vision" && e.Reason.Contains("LOCAL_HOST", StringComparison.Ordinal));

        harness.Env["LOCAL_HOST"] = "127.0.0.1:11434";
        var local = harness.Build().Plan("caption");
        Assert.Contains("local:vision", Order(local));
        Assert.Equal(new Uri("http://127.0.0.1:11434"), harness.Build().Router.ProviderStatuses.Single(p => p.Id == "local").BaseUri);
    }

    [Fact]
    public async Task Without_a_policy_the_router_and_the_plan_use_the_tasks_configured_policy_else_its_built_in_default()
    {
        var harness = new PortfolioHarness();
        var portfolio = harness.Build();

        // Many small calls (captions, transcripts) favour a cheap model that is good enough; one reasoning call favours quality.
        Assert.Equal(RoutingPolicy.Balanced, portfolio.Router.Settings.PolicyFor("caption"));
        Assert.Equal(RoutingPolicy.Balanced, portfolio.Router.Settings.PolicyFor("transcribe"));
        Assert.Equal(RoutingPolicy.Quality, portfolio.Router.Settings.PolicyFor("reason"));
        var plan = portfolio.Plan("caption");
        Assert.Equal(RoutingPolicy.Balanced, plan.Policy);
        // The routed call (what analyze does) takes the plan's first model.
        Assert.Equal($"answer from {Order(plan)[0]}", (await portfolio.GetChatClient("caption").GetResponseAsync("x")).Text);
        Assert.Equal(["alpha:big", "beta:mid", "alpha:small"], Order(portfolio.Plan("caption", new RouteConstraints { Policy = RoutingPolicy.Quality })));

        var configured = harness.Build(settings: PortfolioHarness.FastSettings with
        {
            Tasks = new Dictionary<string, TaskSettings> { ["caption"] = new() { Policy = RoutingPolicy.Cost } },
        });
        Assert.Equal(RoutingPolicy.Cost, configured.Router.Settings.PolicyFor("caption"));
        Assert.Equal(RoutingPolicy.Quality, configured.Router.Settings.PolicyFor("chat"));
        Assert.Equal(RoutingPolicy.Cost, configured.Plan("caption").Policy);
        Assert.Equal("answer from alpha:small", (await configured.GetChatClient("caption").GetResponseAsync("x")).Text);
    }

    [Fact]
    public void A_caption_request_is_planned_with_one_frame()
    {
        Assert.Equal(1, RequestEstimate.Typical("caption").Images);
        Assert.Equal(60, RequestEstimate.Typical("transcribe").AudioSeconds);
        Assert.Equal(RequestEstimate.Nominal, RequestEstimate.Typical("reason"));
    }

    [Fact]
    public void Shut_down_and_deprecated_models_are_never_candidates()
    {
        var plan = new PortfolioHarness().Build().Plan("caption", new RouteConstraints { Policy = RoutingPolicy.Quality });

        Assert.DoesNotContain("beta:old", Order(plan));
        Assert.Contains(plan.Excluded, e => e.ModelId == "beta:old" && e.Reason == "shut down on 2026-01-01");
    }

    [Fact]
    public void Quality_policy_orders_by_effective_rating()
    {
        var harness = new PortfolioHarness();
        harness.Env["LOCAL_HOST"] = "localhost:11434";

        var plan = harness.Build().Plan("caption", new RouteConstraints { Policy = RoutingPolicy.Quality });

        Assert.Equal(["alpha:big", "beta:mid", "alpha:small", "local:vision"], Order(plan));
        Assert.All(plan.Candidates, c => Assert.False(string.IsNullOrEmpty(c.Why)));
        Assert.Equal([1, 2, 3, 4], plan.Candidates.Select(c => c.Rank));
    }

    [Fact]
    public void Cost_policy_orders_by_estimated_call_cost()
    {
        var harness = new PortfolioHarness();
        harness.Env["LOCAL_HOST"] = "localhost:11434";

        var plan = harness.Build().Plan("caption", new RouteConstraints { Policy = RoutingPolicy.Cost });

        Assert.Equal(["local:vision", "alpha:small", "beta:mid", "alpha:big"], Order(plan));
        // Nominal request: 1,000 tokens in, 500 out. alpha:big = 1000 * $1/1M + 500 * $4/1M.
        Assert.Equal(0.003m, plan.Candidates.Single(c => c.ModelId == "alpha:big").EstimatedCost);
    }

    [Fact]
    public void Balanced_policy_ranks_quality_per_dollar_above_the_floor()
    {
        var plan = new PortfolioHarness().Build().Plan("caption", new RouteConstraints { Policy = RoutingPolicy.Balanced });

        // Field median is 75 (60, 70, 80, 90: local is unconfigured but still in the field). beta:mid: 80 / $0.0009 beats alpha:big: 90 / $0.003.
        Assert.Equal(["beta:mid", "alpha:big", "alpha:small"], Order(plan));
        Assert.Contains("below the quality floor", plan.Candidates[2].Why, StringComparison.Ordinal);

        var lowFloor = new PortfolioHarness().Build().Plan("caption", new RouteConstraints { Policy = RoutingPolicy.Balanced, QualityFloor = 0 });
        Assert.Equal("alpha:small", lowFloor.Candidates[0].ModelId);
    }

    [Fact]
    public async Task Latency_policy_prefers_the_fastest_observed_model()
    {
        var harness = new PortfolioHarness();
        harness.Chat("alpha:big").GetResponseAsyncCallback = async (_, _, ct) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(3), harness.Time, ct);
            return TestChatClient.Answer("slow");
        };
        var portfolio = harness.Build();
        await harness.Drive(portfolio.GetChatClient("caption", new RouteConstraints { PinnedModel = "alpha:big" }).GetResponseAsync("hi"));
        await portfolio.GetChatClient("caption", new RouteConstraints { PinnedModel = "beta:mid" }).GetResponseAsync("hi");

        var plan = portfolio.Plan("caption", new RouteConstraints { Policy = RoutingPolicy.Latency });

        Assert.Equal(["beta:mid", "alpha:big", "alpha:small"], Order(plan));
        Assert.True(plan.Candidates[1].ObservedLatency >= TimeSpan.FromSeconds(3));
        Assert.Contains("latency not observed yet", plan.Candidates[2].Why, StringComparison.Ordinal);
    }

    [Fact]
    public void Constraints_filter_candidates_with_reasons()
    {
        var portfolio = new PortfolioHarness().Build();

        Assert.Equal(["beta:mid"], Order(portfolio.Plan("caption", new RouteConstraints { AllowedProviders = ["beta"] })));
        Assert.DoesNotContain("beta:mid", Order(portfolio.Plan("caption", new RouteConstraints { DeniedProviders = ["beta"] })));
        Assert.Equal(["alpha:small"], Order(portfolio.Plan("caption", new RouteConstraints { PinnedModel = "alpha:small" })));
        var cheap = portfolio.Plan("caption", new RouteConstraints { MaxCostPerCall = 0.001m });
        Assert.Equal(["alpha:small", "beta:mid"], Order(cheap).Order());
        Assert.Contains(cheap.Excluded, e => e.ModelId == "alpha:big" && e.Reason.Contains("above the $0.001 limit", StringComparison.Ordinal));
        Assert.Equal(["alpha:big"], Order(portfolio.Plan("caption", new RouteConstraints { MinContextWindow = 500_000 })));
        Assert.DoesNotContain("alpha:big", Order(portfolio.Plan("caption", new RouteConstraints { MaxInputPricePerMTok = 0.5m })));
        var images = portfolio.Plan("chat", new RouteConstraints { NeedsImages = true, Policy = RoutingPolicy.Quality });
        Assert.Contains(images.Excluded, e => e.ModelId == "gamma:pro" && e.Reason == "takes no image input");
    }

    [Fact]
    public void The_request_itself_filters_by_context_window()
    {
        var portfolio = new PortfolioHarness().Build();

        var plan = portfolio.Plan("caption", estimate: new RequestEstimate { TextTokens = 20_000, OutputTokens = 1000 });

        Assert.DoesNotContain("alpha:small", Order(plan));
        Assert.Contains(plan.Excluded, e => e.ModelId == "alpha:small" && e.Reason.Contains("context window 8,000", StringComparison.Ordinal));
    }

    [Fact]
    public void Config_default_model_goes_first_and_others_stay_as_fallbacks()
    {
        var settings = PortfolioHarness.FastSettings with
        {
            Tasks = new Dictionary<string, TaskSettings> { ["caption"] = new() { Model = "alpha:small", Policy = RoutingPolicy.Quality } },
        };

        var plan = new PortfolioHarness().Build(settings: settings).Plan("caption");

        Assert.Equal(["alpha:small", "alpha:big", "beta:mid"], Order(plan));
        Assert.Equal(RoutingPolicy.Quality, plan.Policy);
        Assert.StartsWith("config default", plan.Candidates[0].Why, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("beta:mid")]
    [InlineData("alpha:brand-new")]
    public void A_config_model_the_catalog_does_not_list_for_the_task_still_goes_first(string model)
    {
        var settings = PortfolioHarness.FastSettings with
        {
            Tasks = new Dictionary<string, TaskSettings> { ["reason"] = new() { Model = model } },
        };

        var plan = new PortfolioHarness().Build(settings: settings).Plan("reason");

        Assert.Equal([model, "gamma:pro", "alpha:big"], Order(plan));
        Assert.StartsWith("config default", plan.Candidates[0].Why, StringComparison.Ordinal);
    }

    [Fact]
    public void With_a_budget_unpriced_models_are_not_routed()
    {
        var catalog = PortfolioHarness.TestCatalog.MergedWith(new ModelCatalog
        {
            Models = [new CatalogModel { Id = "alpha:mystery", Tasks = ["caption"], Input = ["text", "image"] }],
        });

        Assert.Contains("alpha:mystery", Order(new PortfolioHarness().Build(catalog).Plan("caption")));
        var budgeted = new PortfolioHarness().Build(catalog, budget: 1m).Plan("caption");
        Assert.Contains(budgeted.Excluded, e => e.ModelId == "alpha:mystery" && e.Reason.Contains("no catalog price", StringComparison.Ordinal));
    }

    [Fact]
    public void Estimating_an_unknown_model_is_a_usage_error_and_a_known_one_is_priced()
    {
        var portfolio = new PortfolioHarness().Build();

        Assert.Equal(ErrorKind.Usage, Assert.Throws<CuboidException>(() => portfolio.Router.EstimateCost("alpha:nope", RequestEstimate.Nominal)).Kind);
        Assert.Equal(0.0005m + 0.0004m, portfolio.Router.EstimateCost("alpha:small", new RequestEstimate { TextTokens = 0, Images = 10, OutputTokens = 1000 }));
    }

    [Fact]
    public void Pinning_an_unknown_provider_is_a_usage_error()
    {
        var ex = Assert.Throws<CuboidException>(() => new PortfolioHarness().Build().Plan("chat", new RouteConstraints { PinnedModel = "nowhere:model" }));

        Assert.Equal(ErrorKind.Usage, ex.Kind);
    }

    [Fact]
    public void Native_video_is_priced_with_the_models_token_rate_and_needs_video_input()
    {
        var catalog = PortfolioHarness.TestCatalog.MergedWith(new ModelCatalog
        {
            Models =
            [
                new CatalogModel
                {
                    Id = "alpha:watcher", Tasks = ["video-understanding"], Input = ["text", "image", "video"], ContextWindow = 1_000_000,
                    Prices = new ModelPrices { InputPerMTok = 0.5m, OutputPerMTok = 3m, VideoInputTokensPerSecond = 102 },
                },
                new CatalogModel { Id = "beta:blind", Tasks = ["video-understanding"], Input = ["text"], Prices = new ModelPrices { InputPerMTok = 0.1m, OutputPerMTok = 0.1m } },
            ],
        });
        var video = new DataContent(new byte[] { 0 }, "video/mp4") { AdditionalProperties = new() { [RequestEstimate.VideoSecondsKey] = 3600.0 } };
        var estimate = RequestEstimate.ForChat([new ChatMessage(ChatRole.User, [new TextContent("summarise"), video])], new ChatOptions { MaxOutputTokens = 1000 }, 1024);

        var plan = new PortfolioHarness().Build(catalog).Plan("video-understanding", estimate: estimate);

        Assert.Equal(3600, estimate.VideoSeconds);
        var watcher = Assert.Single(plan.Candidates);
        // 3,600 s x 102 tokens + 3 text tokens at $0.50/1M, plus 1,000 out at $3/1M.
        Assert.Equal(((3600 * 102) + 3) * 0.5m / 1_000_000 + 0.003m, watcher.EstimatedCost);
        Assert.Contains(plan.Excluded, e => e.ModelId == "beta:blind" && e.Reason == "takes no video input");
    }

    [Fact]
    public void Transcription_plans_price_audio_minutes()
    {
        var plan = new PortfolioHarness().Build().Plan("transcribe", new RouteConstraints { Policy = RoutingPolicy.Cost }, new RequestEstimate { AudioSeconds = 600 });

        Assert.Equal(["beta:ears", "alpha:ears"], Order(plan));
        Assert.Equal(0.02m, plan.Candidates[0].EstimatedCost);
        Assert.Equal(0.06m, plan.Candidates[1].EstimatedCost);
    }
}
