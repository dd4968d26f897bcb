using Cuboid.Portfolio;
using Microsoft.Extensions.AI;

namespace Cuboid.Tests.Portfolio;

public class BudgetAndLedgerTests
{
    [Fact]
    public async Task A_call_that_would_exceed_the_budget_is_refused_before_anything_is_sent()
    {
        var harness = new PortfolioHarness();
        // alpha:big pinned: the request reserves 1,024 output tokens at $4/1M = $0.004096 plus input.
        var portfolio = harness.Build(budget: 0.004m);
        var client = portfolio.GetChatClient("caption", new RouteConstraints { PinnedModel = "alpha:big" });

        var ex = await Assert.ThrowsAsync<CuboidException>(() => client.GetResponseAsync("describe this frame"));

        Assert.Equal(ErrorKind.Budget, ex.Kind);
        Assert.Contains("budget of $0.004 would be exceeded", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, harness.Chat("alpha:big").Calls);
        Assert.Empty(portfolio.Ledger.Records);
    }

    [Fact]
    public void Totals_count_as_calls_only_the_records_that_sent_a_request()
    {
        UsageRecord Part(string model, int attempts, CallOutcome outcome) =>
            new() { Task = "caption", Provider = "alpha", ModelId = model, Attempts = attempts, Outcome = outcome };

        var totals = UsageTotals.Of("caption", [Part("alpha:big", 2, CallOutcome.Failed), Part("alpha:small", 0, CallOutcome.Failed), Part("beta:mid", 1, CallOutcome.Succeeded)]);

        Assert.Equal((2, 3), (totals.Calls, totals.Attempts));
    }

    [Fact]
    public async Task When_the_best_model_does_not_fit_the_budget_a_cheaper_one_answers()
    {
        var harness = new PortfolioHarness();
        // Quality order: alpha:big (~$0.0041 reserved) then beta:mid (~$0.0012) then alpha:small (~$0.0004).
        var portfolio = harness.Build(budget: 0.002m);

        var response = await portfolio.GetChatClient("caption", new RouteConstraints { Policy = RoutingPolicy.Quality }).GetResponseAsync("describe");

        Assert.Equal("answer from beta:mid", response.Text);
        Assert.Equal(0, harness.Chat("alpha:big").Calls);
        Assert.True(portfolio.Budget.Spent <= 0.002m);
    }

    [Fact]
    public async Task Reservations_settle_to_the_actual_price_and_spending_matches_the_ledger()
    {
        var harness = new PortfolioHarness();
        harness.Chat("alpha:big").GetResponseAsyncCallback = (_, _, _) => Task.FromResult(TestChatClient.Answer("ok", input: 2000, output: 300));
        var portfolio = harness.Build(budget: 1m);
        var client = portfolio.GetChatClient("caption", new RouteConstraints { PinnedModel = "alpha:big" });

        await client.GetResponseAsync("one");
        await client.GetResponseAsync("two", new ChatOptions { MaxOutputTokens = 50 });

        // 2,000 in at $1/1M + 300 out at $4/1M = $0.0032 per call.
        Assert.Equal(0.0064m, portfolio.Budget.Spent);
        Assert.Equal(0m, portfolio.Budget.Reserved);
        Assert.Equal(1m - 0.0064m, portfolio.Budget.Remaining);
        Assert.Equal(portfolio.Budget.Spent, portfolio.Ledger.Total().Dollars);
    }

    [Fact]
    public async Task The_budget_refuses_the_call_that_would_cross_it_after_earlier_spending()
    {
        var harness = new PortfolioHarness();
        harness.Chat("alpha:big").GetResponseAsyncCallback = (_, _, _) => Task.FromResult(TestChatClient.Answer("ok", input: 1_000_000, output: 0));
        var portfolio = harness.Build(budget: 1.5m);
        var client = portfolio.GetChatClient("caption", new RouteConstraints { PinnedModel = "alpha:big" });

        await client.GetResponseAsync("first");
        Assert.Equal(1m, portfolio.Budget.Spent);
        await client.GetResponseAsync("second costs another dollar but was estimated small");

        Assert.Equal(2m, portfolio.Budget.Spent);
        var refused = await Assert.ThrowsAsync<CuboidException>(() => client.GetResponseAsync("third"));
        Assert.Equal(ErrorKind.Budget, refused.Kind);
        Assert.Equal(2, harness.Chat("alpha:big").Calls);
    }

    [Fact]
    public async Task Missing_usage_is_estimated_and_flagged()
    {
        var harness = new PortfolioHarness();
        harness.Chat("alpha:big").GetResponseAsyncCallback = (_, _, _) => Task.FromResult(TestChatClient.Answer(new string('a', 400), input: null, output: null));
        var portfolio = harness.Build();

        await portfolio.GetChatClient("caption", new RouteConstraints { PinnedModel = "alpha:big" }).GetResponseAsync(new string('q', 800));

        var record = Assert.Single(portfolio.Ledger.Records);
        Assert.True(record.TokensEstimated);
        Assert.Equal((200L, 100L), (record.InputTokens, record.OutputTokens));
        Assert.Equal((200 * 1.00m / 1_000_000) + (100 * 4.00m / 1_000_000), record.Dollars);
    }

    [Fact]
    public async Task Images_are_estimated_with_the_models_image_tokens()
    {
        var harness = new PortfolioHarness();
        harness.Chat("alpha:big").GetResponseAsyncCallback = (_, _, _) => Task.FromResult(TestChatClient.Answer("a cat", input: null, output: null));
        var portfolio = harness.Build();
        var message = new ChatMessage(ChatRole.User, [new TextContent("describe"), new DataContent(new byte[] { 1, 2, 3 }, "image/png")]);

        await portfolio.GetChatClient("caption", new RouteConstraints { PinnedModel = "alpha:big" }).GetResponseAsync([message]);

        var record = Assert.Single(portfolio.Ledger.Records);
        Assert.Equal(2 + 500, record.InputTokens);
        Assert.Equal(1, record.Images);
    }

    [Fact]
    public async Task Totals_per_stage_and_per_model_equal_the_sum_of_the_calls()
    {
        var harness = new PortfolioHarness();
        var random = new Random(7);
        foreach (var id in new[] { "alpha:big", "beta:mid", "gamma:pro" })
        {
            harness.Chat(id).GetResponseAsyncCallback = (_, _, _) => Task.FromResult(TestChatClient.Answer("x", random.Next(1, 100_000), random.Next(1, 5_000)));
        }

        var portfolio = harness.Build();
        for (var i = 0; i < 30; i++)
        {
            var (task, model) = (i % 3) switch { 0 => ("caption", "alpha:big"), 1 => ("caption", "beta:mid"), _ => ("reason", "gamma:pro") };
            await portfolio.GetChatClient(task, new RouteConstraints { PinnedModel = model }).GetResponseAsync($"call {i}");
        }

        var records = portfolio.Ledger.Records;
        var total = portfolio.Ledger.Total();
        Assert.Equal(records.Sum(r => r.Dollars), total.Dollars);
        Assert.Equal(total.Dollars, portfolio.Ledger.TotalsByTask().Sum(t => t.Dollars));
        Assert.Equal(total.Dollars, portfolio.Ledger.TotalsByModel().Sum(t => t.Dollars));
        Assert.Equal(total.InputTokens, portfolio.Ledger.TotalsByModel().Sum(t => t.InputTokens));
        Assert.Equal(["caption", "reason"], portfolio.Ledger.TotalsByTask().Select(t => t.Key));
        Assert.Equal(20, portfolio.Ledger.TotalsByTask()[0].Calls);
        foreach (var record in records)
        {
            var model = PortfolioHarness.TestCatalog.FindModel(record.ModelId)!;
            Assert.Equal(CallPricer.Price(model, record.InputTokens, record.OutputTokens, 0, 0), record.Dollars);
        }

        Assert.Equal(portfolio.Budget.Spent, total.Dollars);
    }

    [Fact]
    public async Task Concurrent_calls_share_one_budget_and_one_ledger_exactly()
    {
        var harness = new PortfolioHarness();
        harness.Chat("alpha:big").GetResponseAsyncCallback = async (_, _, _) =>
        {
            await Task.Yield();
            return TestChatClient.Answer("ok", input: 1000, output: 100);
        };
        var portfolio = harness.Build(budget: 10m);
        var client = portfolio.GetChatClient("caption", new RouteConstraints { PinnedModel = "alpha:big" });

        await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(() => client.GetResponseAsync($"frame {i}"))));

        // Each call: 1,000 in at $1/1M + 100 out at $4/1M = $0.0014.
        Assert.Equal(64, portfolio.Ledger.Records.Count);
        Assert.Equal(64 * 0.0014m, portfolio.Budget.Spent);
        Assert.Equal(portfolio.Budget.Spent, portfolio.Ledger.Total().Dollars);
        Assert.Equal(0m, portfolio.Budget.Reserved);
    }

    [Fact]
    public void Negative_budgets_are_usage_errors()
    {
        Assert.Equal(ErrorKind.Usage, Assert.Throws<CuboidException>(() => new RunBudget(-1m)).Kind);
    }
}
