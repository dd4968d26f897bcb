using Cuboid.Portfolio;
using Cuboid.Portfolio.Providers;
using Cuboid.Testing.Simulators;
using Microsoft.Extensions.AI;

namespace Cuboid.Tests.Portfolio;

/// <summary>
/// Every simulator fault driven through the router and the real adapters over loopback HTTP: the path taken
/// (attempts, fallbacks), the ledger, and the final answer. Backoff is shortened to milliseconds; the only
/// real wait is one 1-second Retry-After.
/// </summary>
public sealed class RouterSimulatorTests : IClassFixture<RouterSimulatorFixture>
{
    private const string Primary = "primary-model";
    private const string Backup = "backup-model";
    private const string Local = "local-model";
    private readonly ProviderSimulator _sim;

    public RouterSimulatorTests(RouterSimulatorFixture fixture)
    {
        _sim = fixture.Sim;
        _sim.ClearScripts();
        _sim.ClearLog();
        _sim.Respond(r => $"Simulated answer from {r.Model} to: {r.LastUserText}");
    }

    private static readonly RouteConstraints ByQuality = new() { Policy = RoutingPolicy.Quality };

    private RunScope Build(bool bufferStreams = false, double timeoutSeconds = 5, string key = ProviderSimulator.DefaultApiKey,
        CatalogProvider? moreProvider = null, decimal? budget = null, params CatalogModel[] moreModels)
    {
        var catalog = new ModelCatalog
        {
            Providers =
            [
                new CatalogProvider { Id = "sim", ApiKind = "openai", BaseUrl = new Uri(_sim.BaseUri, "v1").ToString(), KeyEnv = "SIM_OPENAI_KEY" },
                new CatalogProvider { Id = "simanthropic", ApiKind = "anthropic", BaseUrl = _sim.BaseUri.ToString(), KeyEnv = "SIM_ANTHROPIC_KEY" },
                // The simulator wants a key on every protocol: this is an Ollama behind an authenticating proxy.
                new CatalogProvider { Id = "simollama", ApiKind = "ollama", BaseUrl = _sim.BaseUri.ToString(), KeyEnv = "SIM_OLLAMA_KEY" },
                .. moreProvider is null ? Array.Empty<CatalogProvider>() : [moreProvider],
            ],
            Models =
            [
                PortfolioHarness.Model($"sim:{Primary}", ["chat", "caption"], 8_000, 1m, 4m, ("chat", 90)),
                PortfolioHarness.Model($"simanthropic:{Backup}", ["chat", "caption"], 200_000, 3m, 15m, ("chat", 80)),
                PortfolioHarness.Model($"simollama:{Local}", ["chat", "caption"], 32_000, 0m, 0m, ("chat", 70)),
                new CatalogModel
                {
                    Id = "sim:whisper-1", Tasks = ["transcribe"], Input = ["audio"], Prices = new ModelPrices { PerAudioMinute = 0.006m },
                },
                .. moreModels,
            ],
        };
        var env = new MapEnvironment(new Dictionary<string, string>
        {
            ["SIM_OPENAI_KEY"] = key,
            ["SIM_ANTHROPIC_KEY"] = ProviderSimulator.DefaultApiKey,
            ["SIM_OLLAMA_KEY"] = ProviderSimulator.DefaultApiKey,
        });
        var settings = new PortfolioSettings
        {
            Resilience = new ResilienceSettings
            {
                MaxAttempts = 3, BaseDelaySeconds = 0.01, MaxDelaySeconds = 0.05, CallTimeoutSeconds = timeoutSeconds, BufferStreams = bufferStreams,
            },
        };
        var adapters = ProviderAdapters.Create(new ProviderAdapterOptions());
        return new ModelRouter(catalog, settings, adapters.ApiKinds.Select(adapters.Get), env).BeginRun(new RunOptions { Budget = budget });
    }

    private static (string, CallOutcome, int)[] Path(RunScope portfolio) =>
        [.. portfolio.Ledger.Records.Select(r => (r.ModelId, r.Outcome, r.Attempts))];

    private static async Task<(string Text, Exception? Error)> ReadStream(IChatClient client, string question)
    {
        var text = new System.Text.StringBuilder();
        try
        {
            await foreach (var update in client.GetStreamingResponseAsync(question))
            {
                text.Append(update.Text);
            }
        }
        catch (CuboidException ex)
        {
            return (text.ToString(), ex);
        }

        return (text.ToString(), null);
    }

    [Fact]
    public async Task Rate_limit_with_Retry_After_is_waited_out_on_the_same_model()
    {
        _sim.Script(Primary, Fault.RateLimited(TimeSpan.FromSeconds(1)));
        var portfolio = Build();

        var response = await portfolio.GetChatClient("chat", ByQuality).GetResponseAsync("hello");

        Assert.Equal("Simulated answer from primary-model to: hello", response.Text);
        Assert.Equal([("sim:primary-model", CallOutcome.Succeeded, 2)], Path(portfolio));
        var calls = _sim.Calls.Where(c => c.Request.Model == Primary).ToList();
        Assert.True(calls[1].ReceivedAt - calls[0].ReceivedAt >= TimeSpan.FromSeconds(0.9));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    public async Task Server_errors_are_retried_then_fall_over_to_another_protocol(int status)
    {
        _sim.ScriptAlways(Primary, Fault.ServerError(status));
        var portfolio = Build();

        var response = await portfolio.GetChatClient("chat", ByQuality).GetResponseAsync("hello");

        Assert.Equal("Simulated answer from backup-model to: hello", response.Text);
        Assert.Equal([("sim:primary-model", CallOutcome.Failed, 3), ("simanthropic:backup-model", CallOutcome.Succeeded, 1)], Path(portfolio));
        Assert.Equal(3, _sim.CallCount(Primary));
        var booked = portfolio.Ledger.Records[1];
        Assert.False(booked.TokensEstimated);
        Assert.True(booked.Dollars > 0);
        Assert.Equal(booked.Dollars, portfolio.Budget.Spent);
    }

    [Fact]
    public async Task A_single_server_error_is_retried_on_the_same_model()
    {
        _sim.Script(Primary, Fault.ServerError(503));
        var portfolio = Build();

        var response = await portfolio.GetChatClient("chat", ByQuality).GetResponseAsync("hello");

        Assert.StartsWith("Simulated answer from primary-model", response.Text, StringComparison.Ordinal);
        Assert.Equal([("sim:primary-model", CallOutcome.Succeeded, 2)], Path(portfolio));
    }

    [Fact]
    public async Task First_byte_after_the_deadline_times_out_and_falls_over()
    {
        // The deadline leaves a loaded machine room for the backup's immediate answer; the primary never makes it
        // (its first byte would come long after, and the wait ends when the call is abandoned).
        _sim.ScriptAlways(Primary, Fault.FirstByteAfter(TimeSpan.FromSeconds(60)));
        var portfolio = Build(timeoutSeconds: 1.2);

        var response = await portfolio.GetChatClient("chat", ByQuality).GetResponseAsync("hello");

        Assert.StartsWith("Simulated answer from backup-model", response.Text, StringComparison.Ordinal);
        Assert.Equal([("sim:primary-model", CallOutcome.Failed, 3), ("simanthropic:backup-model", CallOutcome.Succeeded, 1)], Path(portfolio));
        Assert.Contains("no answer within 1.2 s", portfolio.Ledger.Records[0].Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FaultKind.ConnectionReset)]
    [InlineData(FaultKind.MalformedJson)]
    [InlineData(FaultKind.EmptyChoices)]
    [InlineData(FaultKind.StreamCut)]
    [InlineData(FaultKind.StreamError)]
    public async Task Broken_answers_are_retried_then_fall_over(FaultKind kind)
    {
        _sim.ScriptAlways(Primary, new Fault(kind, kind == FaultKind.ConnectionReset ? 0 : 200));
        var portfolio = Build();

        var response = await portfolio.GetChatClient("chat", ByQuality).GetResponseAsync("hello");

        Assert.StartsWith("Simulated answer from backup-model", response.Text, StringComparison.Ordinal);
        Assert.Equal([("sim:primary-model", CallOutcome.Failed, 3), ("simanthropic:backup-model", CallOutcome.Succeeded, 1)], Path(portfolio));
    }

    [Fact]
    public async Task A_stream_cut_after_its_first_words_is_an_error_never_a_truncated_answer()
    {
        _sim.Script(Primary, Fault.StreamCut);
        var portfolio = Build();

        var (text, error) = await ReadStream(portfolio.GetChatClient("chat", ByQuality), "tell me a long story");

        var cut = Assert.IsType<CuboidException>(error);
        Assert.Equal(ErrorKind.Provider, cut.Kind);
        Assert.Contains("was cut after", cut.Message, StringComparison.Ordinal);
        Assert.NotEqual("Simulated answer from primary-model to: tell me a long story", text);
        Assert.Equal(CallOutcome.Truncated, Assert.Single(portfolio.Ledger.Records).Outcome);
    }

    [Theory]
    [InlineData(FaultKind.StreamCut)]
    [InlineData(FaultKind.StreamError)]
    public async Task With_buffered_streams_a_broken_stream_falls_over_and_the_answer_is_whole(FaultKind kind)
    {
        _sim.ScriptAlways(Primary, new Fault(kind));
        var portfolio = Build(bufferStreams: true);

        var (text, error) = await ReadStream(portfolio.GetChatClient("chat", ByQuality), "story");

        Assert.Null(error);
        Assert.Equal("Simulated answer from backup-model to: story", text);
        Assert.Equal([("sim:primary-model", CallOutcome.Failed, 3), ("simanthropic:backup-model", CallOutcome.Succeeded, 1)], Path(portfolio));
    }

    [Fact]
    public async Task A_stream_error_event_before_the_answer_reached_the_caller_is_retried()
    {
        _sim.Script(Primary, Fault.StreamError);
        var portfolio = Build();

        var (text, error) = await ReadStream(portfolio.GetChatClient("chat", ByQuality), "story");

        Assert.Null(error);
        Assert.Equal("Simulated answer from primary-model to: story", text);
        Assert.Equal([("sim:primary-model", CallOutcome.Succeeded, 2)], Path(portfolio));
    }

    [Fact]
    public async Task A_stream_that_fails_before_any_answer_falls_over_without_buffering()
    {
        _sim.ScriptAlways(Primary, Fault.ServerError(503));
        var portfolio = Build();

        var (text, error) = await ReadStream(portfolio.GetChatClient("chat", ByQuality), "story");

        Assert.Null(error);
        Assert.Equal("Simulated answer from backup-model to: story", text);
        Assert.Equal(CallOutcome.Succeeded, portfolio.Ledger.Records[^1].Outcome);
    }

    [Fact]
    public async Task A_whole_stream_is_booked_with_its_usage()
    {
        var portfolio = Build();

        var (text, error) = await ReadStream(portfolio.GetChatClient("chat", ByQuality), "story");

        Assert.Null(error);
        Assert.Equal("Simulated answer from primary-model to: story", text);
        var record = Assert.Single(portfolio.Ledger.Records);
        Assert.Equal(CallOutcome.Succeeded, record.Outcome);
        Assert.True(record.OutputTokens > 0);
    }

    [Fact]
    public async Task Unauthorized_retires_the_provider_for_the_run()
    {
        var portfolio = Build(key: "sk-wrong-key-for-the-simulator");
        var client = portfolio.GetChatClient("chat", ByQuality);

        var first = await client.GetResponseAsync("one");
        var second = await client.GetResponseAsync("two");

        Assert.StartsWith("Simulated answer from backup-model", first.Text, StringComparison.Ordinal);
        Assert.StartsWith("Simulated answer from backup-model", second.Text, StringComparison.Ordinal);
        Assert.Equal(1, _sim.CallCount(Primary));
        Assert.DoesNotContain(portfolio.Ledger.Records, r => r.Error?.Contains("sk-wrong", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Context_length_exceeded_moves_to_a_larger_window()
    {
        _sim.Script(Primary, Fault.ContextLengthExceeded);
        var portfolio = Build();

        // Cost order puts the local 32k model before the 200k one; after the 8k model's refusal both are larger.
        var response = await portfolio.GetChatClient("chat", new RouteConstraints { Policy = RoutingPolicy.Quality, DeniedProviders = ["simollama"] }).GetResponseAsync("long");

        Assert.StartsWith("Simulated answer from backup-model", response.Text, StringComparison.Ordinal);
        Assert.Equal([("sim:primary-model", CallOutcome.Failed, 1), ("simanthropic:backup-model", CallOutcome.Succeeded, 1)], Path(portfolio));
    }

    [Fact]
    public async Task Another_bad_request_fails_fast_with_the_providers_message()
    {
        _sim.Script(Primary, Fault.BadRequest("Invalid value for 'temperature'."));
        var portfolio = Build();

        var ex = await Assert.ThrowsAsync<CuboidException>(() => portfolio.GetChatClient("chat", ByQuality).GetResponseAsync("x"));

        Assert.Equal(ErrorKind.Provider, ex.Kind);
        Assert.Contains("Invalid value for 'temperature'.", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, _sim.CallCount(Backup));
    }

    [Fact]
    public async Task The_local_ollama_endpoint_answers_through_the_router()
    {
        var portfolio = Build();

        var response = await portfolio.GetChatClient("chat", new RouteConstraints { Policy = RoutingPolicy.Cost }).GetResponseAsync("hi");

        Assert.Equal("Simulated answer from local-model to: hi", response.Text);
        Assert.Equal(0m, portfolio.Ledger.Total().Dollars);
    }

    [Fact]
    public async Task Images_reach_the_provider_and_are_booked()
    {
        var portfolio = Build();
        _sim.Respond(r => $"saw {r.Images.Count} image(s)");
        var message = new ChatMessage(ChatRole.User, [new TextContent("caption this"), new DataContent(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, "image/png")]);

        var response = await portfolio.GetChatClient("caption", new RouteConstraints { PinnedModel = $"sim:{Primary}" }).GetResponseAsync([message]);

        Assert.Equal("saw 1 image(s)", response.Text);
        Assert.Equal(1, Assert.Single(portfolio.Ledger.Records).Images);
    }

    [Fact]
    public async Task Transcription_goes_through_the_router_and_is_priced_per_minute()
    {
        _sim.Script("whisper-1", Fault.ServerError(502));
        var portfolio = Build();
        using var audio = new MemoryStream(SpeechToTextRouterTests.Wav(30));

        var response = await portfolio.GetSpeechToTextClient().GetTextAsync(audio);

        Assert.Equal("Simulated answer from whisper-1 to: ", response.Text);
        var record = Assert.Single(portfolio.Ledger.Records);
        Assert.Equal(("sim:whisper-1", 2, 30d), (record.ModelId, record.Attempts, record.AudioSeconds));
        Assert.Equal(0.003m, record.Dollars);
    }

    [Fact]
    public async Task When_every_model_fails_the_error_names_each_one()
    {
        _sim.ScriptAlways(Primary, Fault.ServerError(500));
        _sim.ScriptAlways(Backup, Fault.ServerError(529));
        _sim.ScriptAlways(Local, Fault.ConnectionReset);
        var portfolio = Build();

        var ex = await Assert.ThrowsAsync<CuboidException>(() => portfolio.GetChatClient("chat", ByQuality).GetResponseAsync("x"));

        Assert.Equal(ErrorKind.Provider, ex.Kind);
        Assert.Contains("sim:primary-model failed after 3 attempts", ex.Message, StringComparison.Ordinal);
        Assert.Contains("simanthropic:backup-model failed after 3 attempts", ex.Message, StringComparison.Ordinal);
        Assert.Contains("simollama:local-model failed after 3 attempts", ex.Message, StringComparison.Ordinal);
        Assert.Equal(9, _sim.Calls.Count);
    }

    [Fact]
    public async Task A_failing_transcription_model_does_not_move_captions_to_another_endpoint()
    {
        _sim.ScriptAlways("whisper-1", Fault.ServerError(500));
        var portfolio = Build();
        var transcriber = portfolio.GetSpeechToTextClient();
        for (var i = 0; i < 3; i++)
        {
            using var audio = new MemoryStream(SpeechToTextRouterTests.Wav(5));
            await Assert.ThrowsAsync<CuboidException>(() => transcriber.GetTextAsync(audio));
        }

        // Four failed attempts opened the transcription model's circuit...
        Assert.Contains(portfolio.Ledger.Records, r => r.Error?.Contains("circuit open: sim:whisper-1 kept failing", StringComparison.Ordinal) == true);

        // ...and only its own: frames to describe stay on the same endpoint's best model instead of moving to another one.
        var captioner = portfolio.GetChatClient("chat", ByQuality);
        for (var i = 0; i < 4; i++)
        {
            var message = new ChatMessage(ChatRole.User, [new TextContent($"caption {i}"), new DataContent(new byte[] { 0xFF, 0xD8, 0xFF }, "image/jpeg")]);
            var response = await captioner.GetResponseAsync([message]);
            Assert.Equal($"sim:{Primary}", response.AdditionalProperties![ModelRouter.AnsweredByKey]);
        }

        Assert.DoesNotContain(_sim.Calls, c => c.Request.Model == Backup);
    }

    [Fact]
    public async Task A_refused_connection_opens_the_circuit_of_the_whole_provider()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var down = new CatalogProvider { Id = "down", ApiKind = "openai", BaseUrl = $"http://127.0.0.1:{port}/v1", KeyEnv = "SIM_OPENAI_KEY" };
        var portfolio = Build(moreProvider: down, moreModels:
        [
            PortfolioHarness.Model("down:first", ["chat"], 8_000, 1m, 4m, ("chat", 99)),
            PortfolioHarness.Model("down:second", ["chat"], 8_000, 1m, 4m, ("chat", 98)),
        ]);
        var client = portfolio.GetChatClient("chat", ByQuality);

        Assert.Equal($"Simulated answer from {Primary} to: one", (await client.GetResponseAsync("one")).Text);
        var before = portfolio.Ledger.Records.Count;
        Assert.Equal($"Simulated answer from {Primary} to: two", (await client.GetResponseAsync("two")).Text);

        // A host that refuses connections is down for every model it serves: the second call tries neither.
        var second = portfolio.Ledger.Records.Skip(before).ToList();
        Assert.All(second.Where(r => r.Provider == "down"), r => Assert.Equal(0, r.Attempts));
        Assert.Contains(second, r => r.Error?.Contains("circuit open: down kept failing, first with: could not reach down", StringComparison.Ordinal) == true);
    }

    [Theory]
    [InlineData("0.005602", true)]
    [InlineData("0.0056", false)]
    public async Task A_reasoning_model_gets_its_thinking_on_top_of_the_stated_cap_in_the_request_and_the_reservation(string budget, bool fits)
    {
        var thinker = PortfolioHarness.Model("sim:thinker", ["chat"], 100_000, 1m, 4m, ("chat", 99)) with { ReasoningTokens = 1_000 };
        var portfolio = Build(budget: decimal.Parse(budget, System.Globalization.CultureInfo.InvariantCulture), moreModels: [thinker]);
        var client = portfolio.GetChatClient("chat", new RouteConstraints { PinnedModel = "sim:thinker" });

        // "hello" is 2 tokens in; 400 + 1,000 tokens out at $4/M: $0.005602 reserved.
        var call = client.GetResponseAsync("hello", new ChatOptions { MaxOutputTokens = 400 });

        if (fits)
        {
            Assert.Equal("Simulated answer from thinker to: hello", (await call).Text);
            using var body = System.Text.Json.JsonDocument.Parse(Assert.Single(_sim.Calls).Request.RawBody!);
            Assert.Equal(1_400, (body.RootElement.TryGetProperty("max_completion_tokens", out var cap) ? cap : body.RootElement.GetProperty("max_tokens")).GetInt32());
        }
        else
        {
            Assert.Equal(ErrorKind.Budget, (await Assert.ThrowsAsync<CuboidException>(() => call)).Kind);
            Assert.Empty(_sim.Calls);
        }
    }
}
