using Cuboid.Portfolio;
using Microsoft.Extensions.AI;

namespace Cuboid.Tests.Portfolio;

public class RouterExecutionTests
{
    private static readonly RouteConstraints ByQuality = new() { Policy = RoutingPolicy.Quality };

    private static ProviderCallException Failure(string provider, ProviderFailureKind kind, int? status = null, TimeSpan? retryAfter = null, string message = "simulated", bool unreachable = false) =>
        new(provider, kind, message, status, retryAfter, unreachable: unreachable);

    [Fact]
    public async Task Rate_limit_waits_for_Retry_After_then_succeeds_on_the_same_model()
    {
        var harness = new PortfolioHarness();
        var calls = new List<DateTimeOffset>();
        harness.Chat("alpha:big").GetResponseAsyncCallback = (_, _, _) =>
        {
            calls.Add(harness.Time.GetUtcNow());
            return calls.Count == 1
                ? throw Failure("alpha", ProviderFailureKind.RateLimited, 429, TimeSpan.FromSeconds(7))
                : Task.FromResult(TestChatClient.Answer("fine"));
        };
        var portfolio = harness.Build();

        var response = await harness.Drive(() => portfolio.GetChatClient("caption", ByQuality).GetResponseAsync("describe"));

        Assert.Equal("fine", response.Text);
        Assert.Equal(2, calls.Count);
        Assert.InRange(calls[1] - calls[0], TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(8));
        var record = Assert.Single(portfolio.Ledger.Records);
        Assert.Equal((CallOutcome.Succeeded, 2, "alpha:big"), (record.Outcome, record.Attempts, record.ModelId));
    }

    [Fact]
    public async Task A_Retry_After_longer_than_the_limit_falls_over_at_once()
    {
        var harness = new PortfolioHarness();
        harness.Chat("alpha:big").GetResponseAsyncCallback = (_, _, _) => throw Failure("alpha", ProviderFailureKind.RateLimited, 429, TimeSpan.FromMinutes(10));
        var portfolio = harness.Build();

        var response = await harness.Drive(() => portfolio.GetChatClient("caption", ByQuality).GetResponseAsync("describe"));

        Assert.Equal("answer from beta:mid", response.Text);
        Assert.Equal(1, harness.Chat("alpha:big").Calls);
    }

    [Fact]
    public async Task Server_errors_are_retried_with_backoff_then_the_next_candidate_answers()
    {
        var harness = new PortfolioHarness();
        harness.Chat("alpha:big").GetResponseAsyncCallback = (_, _, _) => throw Failure("alpha", ProviderFailureKind.ServerError, 503);
        var portfolio = harness.Build();

        var response = await harness.Drive(() => portfolio.GetChatClient("caption", ByQuality).GetResponseAsync("describe"));

        Assert.Equal("answer from beta:mid", response.Text);
        Assert.Equal("beta:mid", response.ModelId);
        Assert.Equal(3, harness.Chat("alpha:big").Calls);
        var records = portfolio.Ledger.Records;
        Assert.Equal([("alpha:big", CallOutcome.Failed, 3), ("beta:mid", CallOutcome.Succeeded, 1)], records.Select(r => (r.ModelId, r.Outcome, r.Attempts)));
        Assert.Equal(0m, records[0].Dollars);
        Assert.Contains("simulated", records[0].Error, StringComparison.Ordinal);
        // Backoff ran on the clock: base 0.5 s, doubling, jittered.
        Assert.True(records[0].Latency >= TimeSpan.FromSeconds(0.5), $"latency {records[0].Latency}");
    }

    [Theory]
    [InlineData(ProviderFailureKind.Timeout)]
    [InlineData(ProviderFailureKind.ConnectionFailed)]
    [InlineData(ProviderFailureKind.BadResponse)]
    public async Task Every_transient_kind_is_retried_then_falls_over(ProviderFailureKind kind)
    {
        var harness = new PortfolioHarness();
        harness.Chat("alpha:big").GetResponseAsyncCallback = (_, _, _) => throw Failure("alpha", kind);
        var portfolio = harness.Build();

        var response = await harness.Drive(() => portfolio.GetChatClient("caption", ByQuality).GetResponseAsync("describe"));

        Assert.Equal("answer from beta:mid", response.Text);
        Assert.Equal(3, harness.Chat("alpha:big").Calls);
    }

    [Fact]
    public async Task Unauthorized_retires_the_provider_for_the_run_without_retrying()
    {
        var harness = new PortfolioHarness();
        harness.Env["LOCAL_HOST"] = "localhost:11434";
        harness.Chat("alpha:big").GetResponseAsyncCallback = (_, _, _) => throw Failure("alpha", ProviderFailureKind.Unauthorized, 401);
        var portfolio = harness.Build();
        var client = portfolio.GetChatClient("caption", new RouteConstraints { Policy = RoutingPolicy.Quality, DeniedProviders = ["beta"] });

        var first = await harness.Drive(() => client.GetResponseAsync("one"));
        var second = await harness.Drive(() => client.GetResponseAsync("two"));

        Assert.Equal(1, harness.Chat("alpha:big").Calls);
        Assert.Equal(0, harness.Chat("alpha:small").Calls);
        Assert.Equal("answer from local:vision", first.Text);
        Assert.Equal(first.Text, second.Text);
        Assert.Contains(portfolio.Plan("caption").Excluded, e => e.ModelId == "alpha:small" && e.Reason.Contains("refused the key", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Context_length_exceeded_moves_to_a_larger_window()
    {
        var harness = new PortfolioHarness();
        harness.Chat("beta:mid").GetResponseAsyncCallback = (_, _, _) => throw Failure("beta", ProviderFailureKind.ContextLengthExceeded, 400, message: "maximum context length is 128000 tokens");
        var portfolio = harness.Build();

        // Cost order: alpha:small (8k), beta:mid (128k), alpha:big (1M). The request fits 8k by estimate, but beta says no.
        var client = portfolio.GetChatClient("caption", new RouteConstraints { Policy = RoutingPolicy.Cost, DeniedProviders = ["local"] });
        harness.Chat("alpha:small").GetResponseAsyncCallback = (_, _, _) => throw Failure("alpha", ProviderFailureKind.ContextLengthExceeded, 400);

        var response = await harness.Drive(() => client.GetResponseAsync("a long prompt"));

        Assert.Equal("answer from alpha:big", response.Text);
        Assert.Equal((1, 1), (harness.Chat("alpha:small").Calls, harness.Chat("beta:mid").Calls));
        Assert.Equal(["alpha:small", "beta:mid", "alpha:big"], portfolio.Ledger.Records.Select(r => r.ModelId));
    }

    [Fact]
    public async Task Context_length_exceeded_skips_candidates_whose_window_is_not_larger()
    {
        var harness = new PortfolioHarness();
        harness.Chat("beta:mid").GetResponseAsyncCallback = (_, _, _) => throw Failure("beta", ProviderFailureKind.ContextLengthExceeded, 400);
        var portfolio = harness.Build();

        // Balanced order is beta:mid (128k), alpha:big (1M), alpha:small (8k): after beta's refusal alpha:small would be pointless.
        harness.Chat("alpha:big").GetResponseAsyncCallback = (_, _, _) => throw Failure("alpha", ProviderFailureKind.ServerError, 500);
        var ex = await Assert.ThrowsAsync<CuboidException>(() => harness.Drive(() => portfolio.GetChatClient("caption", new RouteConstraints { Policy = RoutingPolicy.Balanced }).GetResponseAsync("long")));

        Assert.Equal(ErrorKind.Provider, ex.Kind);
        Assert.Equal(0, harness.Chat("alpha:small").Calls);
        Assert.Contains("alpha:small not tried (window not larger than 128,000)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Other_bad_requests_fail_fast_with_the_providers_message()
    {
        var harness = new PortfolioHarness();
        harness.Chat("alpha:big").GetResponseAsyncCallback = (_, _, _) => throw Failure("alpha", ProviderFailureKind.BadRequest, 400, message: "Invalid value for 'temperature'");
        var portfolio = harness.Build();

        var ex = await Assert.ThrowsAsync<CuboidException>(() => harness.Drive(() => portfolio.GetChatClient("caption", ByQuality).GetResponseAsync("x")));

        Assert.Equal(ErrorKind.Provider, ex.Kind);
        Assert.Equal("alpha:big rejected the request: Invalid value for 'temperature'", ex.Message);
        Assert.Equal(0, harness.Chat("beta:mid").Calls);
        Assert.Equal(1, harness.Chat("alpha:big").Calls);
    }

    [Fact]
    public async Task A_hanging_model_hits_the_deadline_and_the_next_one_answers()
    {
        var harness = new PortfolioHarness();
        harness.Chat("alpha:big").GetResponseAsyncCallback = async (_, _, ct) =>
        {
            await DriveQueue.HangAsync(ct);
            return TestChatClient.Answer("never");
        };
        var portfolio = harness.Build();

        var response = await harness.Drive(() => portfolio.GetChatClient("caption", ByQuality).GetResponseAsync("x"));

        Assert.Equal("answer from beta:mid", response.Text);
        var failed = portfolio.Ledger.Records[0];
        Assert.Equal((CallOutcome.Failed, 3), (failed.Outcome, failed.Attempts));
        Assert.Contains("no answer within 10 s", failed.Error, StringComparison.Ordinal);
        Assert.True(failed.Latency >= TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task The_circuit_breaker_stops_calling_a_model_that_keeps_failing()
    {
        var harness = new PortfolioHarness();
        harness.Chat("alpha:big").GetResponseAsyncCallback = (_, _, _) => throw Failure("alpha", ProviderFailureKind.ServerError, 502);
        var portfolio = harness.Build();
        var client = portfolio.GetChatClient("caption", ByQuality);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("answer from beta:mid", (await harness.Drive(() => client.GetResponseAsync("x"))).Text);
        }

        // 3 attempts, then 1 more opens the circuit (4 failures, ratio 1.0); later calls skip alpha entirely.
        Assert.Equal(4, harness.Chat("alpha:big").Calls);
        Assert.Contains(portfolio.Ledger.Records, r => r.Error?.Contains("circuit open", StringComparison.Ordinal) == true);

        harness.Time.Advance(TimeSpan.FromSeconds(31));
        harness.Chat("alpha:big").GetResponseAsyncCallback = null;
        Assert.Equal("answer from alpha:big", (await harness.Drive(() => client.GetResponseAsync("x"))).Text);
    }

    [Fact]
    public async Task Caller_cancellation_is_not_a_provider_failure()
    {
        var harness = new PortfolioHarness();
        using var cts = new CancellationTokenSource();
        harness.Chat("alpha:big").GetResponseAsyncCallback = async (_, _, ct) =>
        {
            await cts.CancelAsync();
            ct.ThrowIfCancellationRequested();
            return TestChatClient.Answer("never");
        };
        var portfolio = harness.Build();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => portfolio.GetChatClient("caption", ByQuality).GetResponseAsync("x", cancellationToken: cts.Token));

        Assert.Equal(0, harness.Chat("beta:mid").Calls);
        Assert.Equal(CallOutcome.Abandoned, Assert.Single(portfolio.Ledger.Records).Outcome);
        Assert.Equal(0m, portfolio.Budget.Reserved);
    }

    [Fact]
    public async Task When_every_candidate_fails_the_error_lists_the_path()
    {
        var harness = new PortfolioHarness();
        foreach (var id in new[] { "alpha:big", "alpha:small", "beta:mid" })
        {
            harness.Chat(id).GetResponseAsyncCallback = (_, _, _) => throw Failure(id.Split(':')[0], ProviderFailureKind.ServerError, 500, message: $"{id} is down");
        }

        var portfolio = harness.Build(settings: PortfolioHarness.FastSettings with { Resilience = PortfolioHarness.FastSettings.Resilience with { MaxAttempts = 1 } });

        var ex = await Assert.ThrowsAsync<CuboidException>(() => harness.Drive(() => portfolio.GetChatClient("caption", ByQuality).GetResponseAsync("x")));

        Assert.Equal(ErrorKind.Provider, ex.Kind);
        Assert.Contains("no model answered for task 'caption'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("alpha: alpha:big is down [alpha:big failed after 1 attempt, alpha:small failed after 1 attempt (alpha:small is down)]", ex.Message, StringComparison.Ordinal);
        Assert.Contains("beta:mid failed", ex.Message, StringComparison.Ordinal);
        Assert.Equal(3, portfolio.Ledger.Records.Count);
    }

    [Fact]
    public async Task Once_a_circuit_opens_the_final_error_still_names_the_providers_first_real_failure()
    {
        var harness = new PortfolioHarness();
        foreach (var id in new[] { "alpha:big", "alpha:small" })
        {
            harness.Chat(id).GetResponseAsyncCallback = (_, _, _) =>
                throw Failure("alpha", ProviderFailureKind.ConnectionFailed, message: "could not reach alpha at 127.0.0.1:9: Connection refused", unreachable: true);
        }

        harness.Chat("beta:mid").GetResponseAsyncCallback = (_, _, _) => throw Failure("beta", ProviderFailureKind.Unauthorized, 401);
        harness.Env.Remove("LOCAL_HOST");
        var portfolio = harness.Build();
        var client = portfolio.GetChatClient("caption", ByQuality);
        await Assert.ThrowsAsync<CuboidException>(() => harness.Drive(() => client.GetResponseAsync("first call opens alpha's circuit")));

        var ex = await Assert.ThrowsAsync<CuboidException>(() => harness.Drive(() => client.GetResponseAsync("second call meets it open")));

        Assert.Equal(ErrorKind.Provider, ex.Kind);
        Assert.Contains("alpha: could not reach alpha at 127.0.0.1:9: Connection refused (circuit now open)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("alpha:big not tried", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
        Assert.DoesNotContain("secret", ex.Message, StringComparison.Ordinal);
        Assert.Contains(portfolio.Ledger.Records, r => r.Error?.Contains("circuit open: alpha kept failing, first with: could not reach alpha", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task A_models_own_open_circuit_is_named_beside_that_model_not_as_the_providers()
    {
        var harness = new PortfolioHarness();
        harness.Chat("alpha:big").GetResponseAsyncCallback = (_, _, _) => throw Failure("alpha", ProviderFailureKind.ServerError, 502, message: "alpha:big is down");
        var portfolio = harness.Build();
        var client = portfolio.GetChatClient("caption", ByQuality);
        for (var i = 0; i < 3; i++)
        {
            await harness.Drive(() => client.GetResponseAsync("beta answers while alpha:big's circuit opens"));
        }

        harness.Chat("alpha:small").GetResponseAsyncCallback = (_, _, _) => throw Failure("alpha", ProviderFailureKind.ServerError, 500, message: "alpha:small is down");
        harness.Chat("beta:mid").GetResponseAsyncCallback = (_, _, _) => throw Failure("beta", ProviderFailureKind.ServerError, 500, message: "beta:mid is down");
        harness.Env.Remove("LOCAL_HOST");

        var ex = await Assert.ThrowsAsync<CuboidException>(() => harness.Drive(() => client.GetResponseAsync("every model fails")));

        // alpha:big's breaker is its own: alpha:small was still called, so the provider's circuit is not open.
        Assert.Contains("alpha: alpha:big is down [alpha:big not tried (circuit now open), alpha:small failed after", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, CountOf("(circuit now open)", ex.Message));
        Assert.Contains("beta: beta:mid is down [beta:mid failed after", ex.Message, StringComparison.Ordinal);
    }

    private static int CountOf(string part, string text) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    [Fact]
    public async Task Without_a_configured_provider_the_error_says_which_key_to_set()
    {
        var harness = new PortfolioHarness();
        harness.Env.Clear();

        var ex = await Assert.ThrowsAsync<CuboidException>(() => harness.Build().GetChatClient("caption").GetResponseAsync("x"));

        Assert.Equal(ErrorKind.Provider, ex.Kind);
        Assert.Equal("no provider is configured for task 'caption'; set one of ALPHA_KEY, BETA_KEY or LOCAL_HOST", ex.Message);
        Assert.DoesNotContain("secret", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_provider_model_id_in_the_options_pins_the_call_and_is_not_passed_on()
    {
        var harness = new PortfolioHarness();
        var portfolio = harness.Build();

        var response = await portfolio.GetChatClient("chat").GetResponseAsync("x", new ChatOptions { ModelId = "gamma:pro", Temperature = 0.1f });

        Assert.Equal("answer from gamma:pro", response.Text);
        var seen = Assert.Single(harness.Chat("gamma:pro").SeenOptions);
        Assert.Null(seen!.ModelId);
        Assert.Equal(0.1f, seen.Temperature);
    }

    [Fact]
    public async Task An_empty_response_counts_as_a_bad_response()
    {
        var harness = new PortfolioHarness();
        harness.Chat("alpha:big").GetResponseAsyncCallback = (_, _, _) => Task.FromResult(new ChatResponse([]));
        var portfolio = harness.Build();

        var response = await harness.Drive(() => portfolio.GetChatClient("caption", ByQuality).GetResponseAsync("x"));

        Assert.Equal("answer from beta:mid", response.Text);
        Assert.Equal(3, harness.Chat("alpha:big").Calls);
    }

    [Theory]
    [InlineData("", null, ErrorKind.Usage)]
    [InlineData("what is this?", "frame.bmp", ErrorKind.Input)]
    [InlineData("what is this?", "missing.png", ErrorKind.Input)]
    public async Task Ask_rejects_bad_input_before_calling(string question, string? image, ErrorKind kind)
    {
        var harness = new PortfolioHarness();
        var dir = Directory.CreateTempSubdirectory("cuboid-ask-").FullName;
        try
        {
            string? path = null;
            if (image is not null)
            {
                path = Path.Combine(dir, image);
                if (image != "missing.png")
                {
                    await File.WriteAllBytesAsync(path, [1, 2, 3]);
                }
            }

            var ex = await Assert.ThrowsAsync<CuboidException>(() => harness.Build().AskAsync(question, path));

            Assert.Equal(kind, ex.Kind);
            Assert.Equal(0, harness.Chat("alpha:big").Calls);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Ask_returns_the_answer_and_the_path_it_took()
    {
        var harness = new PortfolioHarness();
        harness.Chat("gamma:pro").GetResponseAsyncCallback = (_, _, _) => throw Failure("gamma", ProviderFailureKind.Unauthorized, 403);
        var portfolio = harness.Build(settings: PortfolioHarness.FastSettings with
        {
            Tasks = new Dictionary<string, TaskSettings> { ["chat"] = new() { Policy = RoutingPolicy.Quality } },
        });

        var answer = await portfolio.AskAsync("hello");

        Assert.Equal(("answer from alpha:big", "alpha:big"), (answer.Text, answer.ModelId));
        Assert.Equal(["gamma:pro", "alpha:big"], answer.Calls.Select(c => c.ModelId));
    }

    [Fact]
    public void The_router_is_an_IChatClient_and_an_ISpeechToTextClient()
    {
        var portfolio = new PortfolioHarness().Build();

        IChatClient chat = portfolio.GetChatClient("caption");
        ISpeechToTextClient speech = portfolio.GetSpeechToTextClient();

        Assert.Equal("cuboid-portfolio", chat.GetService<ChatClientMetadata>()!.ProviderName);
        Assert.Same(portfolio, chat.GetService<RunScope>());
        Assert.Same(portfolio, speech.GetService<RunScope>());
        Assert.Same(portfolio.Router, chat.GetService<ModelRouter>());
        Assert.Same(portfolio.Router, speech.GetService<ModelRouter>());
    }
}
