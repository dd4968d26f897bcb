using System.Net.Http.Headers;
using Cuboid.Portfolio;
using Cuboid.Portfolio.Providers;
using Cuboid.Server;
using Cuboid.Server.Gateway;
using Cuboid.Generation;
using Cuboid.PostgreSql;
using Cuboid.Server.Store;
using Cuboid.Storage;
using Cuboid.Testing.Generation;
using Cuboid.Testing.Simulators;
using Cuboid.Tests.Generation;
using Cuboid.Tests.Portfolio;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Cuboid.Tests.Server;

/// <summary>
/// The gateway in memory (WebApplicationFactory) over a router whose providers are the loopback
/// <see cref="ProviderSimulator"/>: <c>sim:primary-model</c> (OpenAI protocol, rated first for chat),
/// <c>simanthropic:backup-model</c> (Anthropic protocol) and <c>sim:whisper-1</c>; a fresh store folder; an admin key.
/// With <c>postgres</c> (a connection string) the records go to that PostgreSQL database instead, files to the folder.
/// </summary>
public sealed class GatewayHost : WebApplicationFactory<ServerProgram>
{
    public const string AdminKey = "cbk-admin-test-0123456789";
    public const string Primary = "primary-model";
    public const string Backup = "backup-model";

    private readonly string _store = Path.Combine(Path.GetTempPath(), "cuboid-gateway-tests", Guid.NewGuid().ToString("N"));

    private readonly string? _postgres;
    private readonly PostgresDatabase? _videoDatabase;

    public GatewayHost(ProviderSimulator sim, double timeoutSeconds = 5, long? maxRequestBytes = null, VideoHostSimulator? videoSim = null, string? postgres = null)
    {
        Models = new GatewayModels(BuildRouter(sim, timeoutSeconds));
        MaxRequestBytes = maxRequestBytes;
        _postgres = postgres;
        _videoDatabase = postgres is null ? null : PostgresDatabase.Create(postgres);
        if (videoSim is not null)
        {
            // The video hosts of the generation tests' catalog, keyed by a variable of this host's own.
            var keyVariable = "CUBOID_GATEWAY_VIDEO_KEY_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
            VideoModelPrefix = $"sim/{keyVariable}-";
            Videos = new VideoGateway(new GenerationSession(
                TestVideoCatalog.For(videoSim, keyVariable, DateOnly.FromDateTime(DateTime.UtcNow)),
                _videoDatabase is null ? SqliteVideoJobStore.Open(Path.Combine(_store, "videos")) : PostgresVideoJobStore.Open(_videoDatabase, Path.Combine(_store, "videos")),
                new MapEnvironment(new Dictionary<string, string> { [keyVariable] = videoSim.ApiKey }),
                VideoHttp,
                runnerOptions: JobHarness.FastPolling));
        }
    }

    public GatewayModels Models { get; }

    /// <summary>The video gateway over the video-host simulator, when one was given.</summary>
    public VideoGateway? Videos { get; }

    /// <summary>How this host's video routes name their models at the simulator (for scripting faults).</summary>
    public string? VideoModelPrefix { get; }

    private static readonly HttpClient VideoHttp = new();

    public string StoreFolder => _store;

    /// <summary>The gateway's record store (SQLite in the folder, or the PostgreSQL database).</summary>
    public IGatewayStore Store => Services.GetRequiredService<IGatewayStore>();

    private long? MaxRequestBytes { get; }

    /// <summary>A client that sends <paramref name="key"/> as its bearer token (the admin key by default).</summary>
    public HttpClient Client(string? key = AdminKey)
    {
        var client = CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Cuboid:AdminKey", AdminKey);
        builder.UseSetting("Cuboid:Store", _postgres ?? _store);
        builder.UseSetting("Cuboid:Files", _store);
        if (MaxRequestBytes is { } max)
        {
            builder.UseSetting("Cuboid:MaxRequestBytes", max.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        builder.ConfigureServices(services =>
        {
            services.AddSingleton(Models);
            if (Videos is not null)
            {
                services.AddSingleton(Videos);
            }
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        _videoDatabase?.Dispose();
        if (disposing && Directory.Exists(_store))
        {
            Directory.Delete(_store, recursive: true);
        }
    }

    private static ModelRouter BuildRouter(ProviderSimulator sim, double timeoutSeconds)
    {
        var catalog = new ModelCatalog
        {
            Providers =
            [
                new CatalogProvider { Id = "sim", ApiKind = "openai", BaseUrl = new Uri(sim.BaseUri, "v1").ToString(), KeyEnv = "SIM_OPENAI_KEY" },
                new CatalogProvider { Id = "simanthropic", ApiKind = "anthropic", BaseUrl = sim.BaseUri.ToString(), KeyEnv = "SIM_ANTHROPIC_KEY" },
            ],
            Models =
            [
                PortfolioHarness.Model($"sim:{Primary}", ["chat", "caption"], 8_000, 1m, 4m, ("chat", 90)),
                PortfolioHarness.Model($"simanthropic:{Backup}", ["chat", "caption"], 200_000, 3m, 15m, ("chat", 80)),
                new CatalogModel { Id = "sim:whisper-1", Tasks = ["transcribe"], Input = ["audio"], Prices = new ModelPrices { PerAudioMinute = 0.006m } },
            ],
        };
        var env = new MapEnvironment(new Dictionary<string, string>
        {
            ["SIM_OPENAI_KEY"] = ProviderSimulator.DefaultApiKey,
            ["SIM_ANTHROPIC_KEY"] = ProviderSimulator.DefaultApiKey,
        });
        var settings = new PortfolioSettings
        {
            Resilience = new ResilienceSettings { MaxAttempts = 3, BaseDelaySeconds = 0.01, MaxDelaySeconds = 0.05, CallTimeoutSeconds = timeoutSeconds },
        };
        var adapters = ProviderAdapters.Create(new ProviderAdapterOptions());
        return new ModelRouter(catalog, settings, adapters.ApiKinds.Select(adapters.Get), env);
    }
}
