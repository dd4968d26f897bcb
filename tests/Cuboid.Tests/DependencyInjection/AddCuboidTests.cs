using Cuboid.Generation.Jobs;
using Cuboid.Portfolio;
using Cuboid.Storage;
using Cuboid.Testing.Simulators;
using Cuboid.Tests.Portfolio;
using Cuboid.Understanding;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cuboid.Tests.DependencyInjection;

/// <summary>
/// <c>AddCuboid</c>: everything a host needs resolves from one registration, the keyed clients route through the
/// simulator and book into the current run, keys come from configuration, and bad settings stop the start naming the setting.
/// </summary>
public sealed class AddCuboidTests(RouterSimulatorFixture fixture) : IClassFixture<RouterSimulatorFixture>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cuboid-di-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Configuration that points the shipped <c>openai</c> provider at the simulator, with its key as a top-level key.</summary>
    private Dictionary<string, string?> SimulatedOpenAI() => new()
    {
        ["OPENAI_API_KEY"] = ProviderSimulator.DefaultApiKey,
        ["Cuboid:Providers:openai:BaseUrl"] = new Uri(fixture.Sim.BaseUri, "v1").ToString(),
        // No user catalog overlay or config from the machine running the tests.
        ["HOME"] = _dir,
        ["Cuboid:Storage:CacheDirectory"] = Path.Combine(_dir, "cache"),
        ["Cuboid:Storage:JobStoreDirectory"] = Path.Combine(_dir, "jobs"),
    };

    private static ServiceProvider Build(IDictionary<string, string?> values) =>
        new ServiceCollection().AddCuboid(new ConfigurationBuilder().AddInMemoryCollection(values).Build()).BuildServiceProvider();

    [Fact]
    public async Task Every_keyed_client_and_store_resolves_and_a_keyed_client_books_into_the_current_run()
    {
        var sim = fixture.Fresh(r => $"answer from {r.Model}");
        using var services = Build(SimulatedOpenAI());
        services.GetRequiredService<IStartupValidator>().Validate();

        var router = services.GetRequiredService<ModelRouter>();
        foreach (var task in CuboidServiceCollectionExtensions.ChatTasks)
        {
            var client = services.GetRequiredKeyedService<IChatClient>(task);
            Assert.Equal(task, client.GetService<ChatClientMetadata>()!.DefaultModelId);
            Assert.Same(router, client.GetService<ModelRouter>());
        }

        var speech = services.GetRequiredService<ISpeechToTextClient>();
        Assert.Same(speech, services.GetRequiredKeyedService<ISpeechToTextClient>(ModelTasks.Transcribe));
        Assert.Same(router, speech.GetService<ModelRouter>());
        Assert.NotNull(services.GetRequiredService<VideoAnalyzer>());
        Assert.Equal(Path.Combine(_dir, "cache", AnalysisCache.FileName), services.GetRequiredService<AnalysisCache>().Path);
        Assert.Same(services.GetRequiredService<SqliteVideoJobStore>(), services.GetRequiredService<IVideoJobStore>());
        Assert.Equal(Path.Combine(_dir, "jobs", SqliteVideoJobStore.FileName), services.GetRequiredService<SqliteVideoJobStore>().Path);

        var run = router.BeginRun(new RunOptions { Budget = 1m });
        using (run.MakeCurrent())
        {
            var chat = services.GetRequiredKeyedService<IChatClient>(ModelTasks.Chat);
            var response = await chat.GetResponseAsync("hello", new ChatOptions { ModelId = "openai:gpt-4.1-mini" });
            Assert.Equal("answer from gpt-4.1-mini", response.Text);
        }

        Assert.Equal("openai:gpt-4.1-mini", Assert.Single(run.Ledger.Records).ModelId);
        Assert.Equal(run.Ledger.Total().Dollars, run.Budget.Spent);
        Assert.Empty(router.DefaultRun.Ledger.Records);
        Assert.Null(RunScope.Current);
        Assert.Equal(ProviderSimulator.DefaultApiKey, Assert.Single(sim.Calls).Request.ApiKey);
    }

    [Fact]
    public void Provider_keys_in_configuration_configure_providers_and_their_absence_says_which_variable_to_set()
    {
        var values = SimulatedOpenAI();
        values["GEMINI_API_KEY"] = "gm-from-configuration";
        values.Remove("OPENAI_API_KEY");
        using var services = Build(values);

        var statuses = services.GetRequiredService<ModelRouter>().ProviderStatuses.ToDictionary(s => s.Id);

        Assert.True(statuses["gemini"].Configured);
        Assert.Equal("key from GEMINI_API_KEY", statuses["gemini"].Reason);
        Assert.False(statuses["openai"].Configured);
        Assert.Equal("OPENAI_API_KEY is not set", statuses["openai"].Reason);
        Assert.Equal("gm-from-configuration", services.GetRequiredService<IEnvironmentVariables>().Get("GEMINI_API_KEY"));
    }

    [Theory]
    [InlineData("Cuboid:HalfLifeDays", "-1", "Cuboid configuration: halfLifeDays must be positive")]
    [InlineData("Cuboid:Resilience:MaxAttempts", "0", "Cuboid configuration: resilience.maxAttempts must be at least 1; see docs/CLI.md#configuration")]
    [InlineData("Cuboid:Tasks:reason:Model", "gpt-4.1", "Cuboid configuration: tasks.reason.model 'gpt-4.1' is not provider:model")]
    public void A_bad_setting_fails_at_start_naming_it_and_so_does_the_router_when_resolved_later(string key, string value, string message)
    {
        var values = SimulatedOpenAI();
        values[key] = value;
        using var services = Build(values);

        var atStart = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());
        Assert.Equal(message, Assert.Single(atStart.Failures));

        var later = Assert.Throws<CuboidException>(() => services.GetRequiredService<ModelRouter>());
        Assert.Equal(ErrorKind.Usage, later.Kind);
        Assert.Equal(message, later.Message);
    }

    [Fact]
    public void The_config_file_becomes_the_Cuboid_section_and_is_read_as_strictly_as_ever()
    {
        File.WriteAllText(Path.Combine(_dir, PortfolioSettings.WorkingDirectoryFileName), """
            {
              // comments and trailing commas, as cuboid.json always allowed
              "budget": 2.5,
              "halfLifeDays": 14,
              "tasks": { "caption": { "policy": "cost" } },
              "endpoints": [ { "name": "vllm", "baseUrl": "http://127.0.0.1:1/v1" } ],
              "providers": { "vllm": { "enabled": true } },
              "resilience": { "maxAttempts": 2, "bufferStreams": true },
            }
            """);
        var configuration = new ConfigurationBuilder().AddCuboidConfiguration(workingDirectory: _dir).Build();
        using var services = new ServiceCollection().AddCuboid(configuration).BuildServiceProvider();

        var settings = services.GetRequiredService<IOptions<PortfolioSettings>>().Value;

        Assert.Equal((2.5m, 14d, RoutingPolicy.Cost), (settings.Budget, settings.HalfLifeDays, settings.PolicyFor(ModelTasks.Caption)));
        Assert.Equal(("vllm", "http://127.0.0.1:1/v1", "openai"), (settings.Endpoints[0].Name, settings.Endpoints[0].BaseUrl, settings.Endpoints[0].ApiKind));
        Assert.True(settings.Providers["vllm"].Enabled);
        Assert.Equal((2, true, 120d), (settings.Resilience.MaxAttempts, settings.Resilience.BufferStreams, settings.Resilience.CallTimeoutSeconds));
        Assert.Equal(Path.Combine(_dir, PortfolioSettings.WorkingDirectoryFileName), settings.Origin);

        File.WriteAllText(Path.Combine(_dir, PortfolioSettings.WorkingDirectoryFileName), """{ "budgett": 2 }""");
        var broken = Assert.Throws<CuboidException>(() => new ConfigurationBuilder().AddCuboidConfiguration(workingDirectory: _dir).Build());
        Assert.Equal(ErrorKind.Usage, broken.Kind);
        Assert.EndsWith("cuboid.json: unknown setting 'budgett' (see the Configuration section of docs/CLI.md)", broken.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_users_chat_middleware_sees_every_routed_call_and_speech_middleware_wraps_every_speech_client()
    {
        var sim = fixture.Fresh(r => $"answer from {r.Model}");
        var seen = new List<string?>();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(SimulatedOpenAI()).Build();
        using var services = new ServiceCollection()
            .AddCuboid(configuration, cuboid => cuboid
                .ConfigureChatClient(b => b.Use(async (messages, options, next, cancellationToken) =>
                {
                    lock (seen)
                    {
                        seen.Add(options?.ModelId);
                    }

                    await next(messages, options, cancellationToken);
                }))
                .ConfigureSpeechToTextClient(b => b.Use(inner => new MarkedSpeechClient(inner))))
            .BuildServiceProvider();
        var router = services.GetRequiredService<ModelRouter>();
        var run = router.BeginRun();
        var pinned = new ChatOptions { ModelId = "openai:gpt-4.1-mini" };

        await services.GetRequiredKeyedService<IChatClient>(ModelTasks.Chat).GetResponseAsync("one", pinned);
        await foreach (var _ in services.GetRequiredKeyedService<IChatClient>(ModelTasks.Caption).GetStreamingResponseAsync("two", pinned))
        {
        }

        await router.GetChatClient(ModelTasks.Reason).GetResponseAsync("three", pinned);
        await run.GetChatClient(ModelTasks.Chat).GetResponseAsync("four", pinned);

        Assert.Equal(4, seen.Count);
        Assert.All(seen, model => Assert.Equal("openai:gpt-4.1-mini", model));
        Assert.Equal(4, sim.Calls.Count);
        Assert.Single(run.Ledger.Records);
        Assert.NotNull(services.GetRequiredService<ISpeechToTextClient>().GetService<MarkedSpeechClient>());
        Assert.NotNull(run.GetSpeechToTextClient().GetService<MarkedSpeechClient>());
        // The router is still reachable through the user's middleware.
        Assert.Same(router, services.GetRequiredService<ISpeechToTextClient>().GetService<ModelRouter>());
    }

    [Fact]
    public void Without_user_middleware_the_routed_clients_carry_only_Cuboids_own()
    {
        using var services = Build(SimulatedOpenAI());
        var router = services.GetRequiredService<ModelRouter>();

        Assert.Null(router.ConfigureChatClient);
        Assert.Null(router.ConfigureSpeechToTextClient);
        Assert.NotNull(services.GetRequiredService<ISpeechToTextClient>().GetService<OpenTelemetrySpeechToTextClient>());
        Assert.Null(services.GetRequiredService<ISpeechToTextClient>().GetService<MarkedSpeechClient>());
    }

    private sealed class MarkedSpeechClient(ISpeechToTextClient inner) : DelegatingSpeechToTextClient(inner);
}
