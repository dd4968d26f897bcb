using Cuboid.Portfolio;
using Microsoft.Extensions.Time.Testing;

namespace Cuboid.Tests.Portfolio;

/// <summary>
/// A portfolio over a small test catalog, with test-double clients per model, a dictionary environment and a
/// fake clock (2026-11-25 12:00 UTC). <see cref="Drive{T}"/> advances the clock while a call waits on backoff or deadlines.
/// </summary>
internal sealed class PortfolioHarness
{
    private readonly Dictionary<string, TestChatClient> _chat = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TestSpeechToTextClient> _speech = new(StringComparer.Ordinal);

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    public Dictionary<string, string> Env { get; } = new(StringComparer.Ordinal)
    {
        ["ALPHA_KEY"] = "alpha-secret-key",
        ["BETA_KEY"] = "beta-secret-key",
        ["GAMMA_KEY"] = "gamma-secret-key",
    };

    // Written by the adapters, which the router may call from several threads at once (concurrent calls).
    public System.Collections.Concurrent.ConcurrentDictionary<string, Cuboid.Portfolio.ProviderEndpoint> Endpoints { get; } = new(StringComparer.Ordinal);

    public TestChatClient Chat(string modelId)
    {
        lock (_chat)
        {
            if (!_chat.TryGetValue(modelId, out var client))
            {
                _chat[modelId] = client = new TestChatClient(modelId);
            }

            return client;
        }
    }

    public TestSpeechToTextClient Speech(string modelId)
    {
        lock (_speech)
        {
            if (!_speech.TryGetValue(modelId, out var client))
            {
                _speech[modelId] = client = new TestSpeechToTextClient(modelId);
            }

            return client;
        }
    }

    public static ModelCatalog TestCatalog { get; } = new()
    {
        Providers =
        [
            new CatalogProvider { Id = "alpha", ApiKind = "openai", BaseUrl = "https://alpha.example/v1", KeyEnv = "ALPHA_KEY" },
            new CatalogProvider { Id = "beta", ApiKind = "openai", BaseUrl = "https://beta.example/v1", KeyEnv = "BETA_KEY" },
            new CatalogProvider { Id = "gamma", ApiKind = "anthropic", BaseUrl = "https://gamma.example", KeyEnv = "GAMMA_KEY" },
            new CatalogProvider { Id = "local", ApiKind = "ollama", BaseUrl = "http://localhost:11434", HostEnv = "LOCAL_HOST" },
        ],
        Models =
        [
            Model("alpha:big", ["caption", "chat", "reason"], 1_000_000, 1.00m, 4.00m, ("caption", 90), ("chat", 90), ("reason", 85)),
            Model("alpha:small", ["caption", "chat"], 8_000, 0.10m, 0.40m, ("caption", 70), ("chat", 70)),
            Model("beta:mid", ["caption", "chat"], 128_000, 0.30m, 1.20m, ("caption", 80), ("chat", 80)),
            Model("gamma:pro", ["reason", "chat"], 200_000, 3.00m, 15.00m, ("reason", 95), ("chat", 95)) with { Input = ["text"] },
            Model("local:vision", ["caption", "chat"], 32_000, 0m, 0m, ("caption", 60), ("chat", 60)),
            Model("beta:old", ["caption"], 128_000, 0.01m, 0.01m, ("caption", 99)) with { ShutDown = new DateOnly(2026, 1, 1) },
            new CatalogModel
            {
                Id = "alpha:ears", Tasks = ["transcribe"], Input = ["audio"], Prices = new ModelPrices { PerAudioMinute = 0.006m },
                Ratings = [new ModelRating("transcribe", 80, "test", new DateOnly(2026, 11, 20))],
            },
            new CatalogModel
            {
                Id = "beta:ears", Tasks = ["transcribe"], Input = ["audio"], Prices = new ModelPrices { PerAudioMinute = 0.002m },
                Ratings = [new ModelRating("transcribe", 70, "test", new DateOnly(2026, 11, 20))],
            },
        ],
    };

    public static CatalogModel Model(string id, string[] tasks, int window, decimal input, decimal output, params (string Task, double Rating)[] ratings) => new()
    {
        Id = id,
        Tasks = tasks,
        Input = ["text", "image"],
        ContextWindow = window,
        Prices = new ModelPrices { InputPerMTok = input, OutputPerMTok = output, ImageInputTokens = 500 },
        Ratings = [.. ratings.Select(r => new ModelRating(r.Task, r.Rating, "test", new DateOnly(2026, 11, 20)))],
    };

    public static PortfolioSettings FastSettings { get; } = new()
    {
        Resilience = new ResilienceSettings { MaxAttempts = 3, BaseDelaySeconds = 0.5, MaxDelaySeconds = 4, CallTimeoutSeconds = 10, MaxRetryAfterSeconds = 30 },
    };

    /// <summary>A new router over the test adapters, and a run on it with <paramref name="budget"/>.</summary>
    public RunScope Build(ModelCatalog? catalog = null, PortfolioSettings? settings = null, decimal? budget = null, Microsoft.Extensions.Logging.ILoggerFactory? logging = null) =>
        BuildRouter(catalog, settings, logging).BeginRun(new RunOptions { Budget = budget });

    public ModelRouter BuildRouter(ModelCatalog? catalog = null, PortfolioSettings? settings = null, Microsoft.Extensions.Logging.ILoggerFactory? logging = null) =>
        new(catalog ?? TestCatalog, settings ?? FastSettings,
            [new TestProviderAdapter("openai", this), new TestProviderAdapter("anthropic", this), new TestProviderAdapter("ollama", this)],
            new MapEnvironment(Env), Time, logging);

    /// <summary>
    /// Starts the call on this thread with no synchronization context, so every continuation runs inline where its task
    /// completes: on this thread, inside the call or inside <see cref="FakeTimeProvider.Advance"/>. Each time the call
    /// has run out of work (its test doubles' <see cref="DriveQueue.YieldAsync"/> resumed, and it still waits), the fake
    /// clock moves 250 ms. Backoff and deadlines thus fire at the same simulated times on every run, whatever the
    /// machine's load; no real time passes.
    /// </summary>
    public Task<T> Drive<T>(Func<Task<T>> start)
    {
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        var queue = new DriveQueue();
        using var entered = queue.Enter();
        try
        {
            var task = start();
            for (var step = 0; ; step++)
            {
                queue.RunQueued();
                if (task.IsCompleted)
                {
                    return task;
                }

                if (step == 4000)
                {
                    throw new TimeoutException("the call was still waiting after 1,000 simulated seconds");
                }

                Time.Advance(TimeSpan.FromMilliseconds(250));
            }
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    public Task Drive(Func<Task> start) => Drive(async () =>
    {
        await start();
        return 0;
    });
}
