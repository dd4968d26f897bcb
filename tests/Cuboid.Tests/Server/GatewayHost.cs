using System.Net.Http.Headers;
using Cuboid.Portfolio;
using Cuboid.Portfolio.Providers;
using Cuboid.Server;
using Cuboid.Server.Gateway;
using Cuboid.Generation;
using Cuboid.PostgreSql;
using Cuboid.Server.Store;
using Cuboid.Generation.Jobs;
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
/// <c>relayChat: false</c> sends chat through the routed clients instead of the relay (<see cref="ServerOptions.RelayChat"/>).
/// </summary>
public sealed class GatewayHost : WebApplicationFactory<ServerProgram>
{
    public const string AdminKey = "cbk-admin-test-0123456789";
    public const string Primary = "primary-model";
    public const string Backup = "backup-model";

    private readonly string _store = Path.Combine(Path.GetTempPath(), "cuboid-gateway-tests", Guid.NewGuid().ToString("N"));

    private readonly string? _postgres;
    private readonly PostgresDatabase? _videoDatabase;

    public GatewayHost(ProviderSimulator sim, double timeoutSeconds = 5, long? maxRequestBytes = null, VideoHostSimulator? videoSim = null, ImageHostSimulator? imageSim = null,
        VideoJobRunnerOptions? runnerOptions = null, ResilienceSettings? resilience = null, string? postgres = null, bool relayChat = true)
    {
        Models = new GatewayModels(BuildRouter(sim, resilience ?? new ResilienceSettings { MaxAttempts = 3, BaseDelaySeconds = 0.01, MaxDelaySeconds = 0.05, CallTimeoutSeconds = timeoutSeconds }), relayChat);
        MaxRequestBytes = maxRequestBytes;
        _postgres = postgres;
        _videoDatabase = postgres is null ? null : PostgresDatabase.Create(postgres);
        if (videoSim is not null)
        {
            // The video hosts of the generation tests' catalog, keyed by a variable of this host's own.
            var keyVariable = "CUBOID_GATEWAY_VIDEO_KEY_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
            VideoModelPrefix = $"sim/{keyVariable}-";
            VideoSession = new GenerationSession(
                TestVideoCatalog.For(videoSim, keyVariable, DateOnly.FromDateTime(DateTime.UtcNow)),
                VideoJobs(),
                new MapEnvironment(new Dictionary<string, string> { [keyVariable] = videoSim.ApiKey }),
                VideoHttp,
                runnerOptions: runnerOptions ?? JobHarness.FastPolling)
            {
                // As a gateway with Webhooks:PublicUrl set: fal and Replicate jobs name its callback routes.
                HostCallbacks = new Cuboid.Server.Webhooks.WebhookOptions { PublicUrl = PublicUrl }.CallbackFor,
            };
            Videos = new VideoGateway(VideoSession);
        }
        else if (imageSim is not null)
        {
            // The image hosts of the image tests' catalog (test:sharp on the OpenAI shape, test:flux on fal).
            ImageKeyVariable = "CUBOID_GATEWAY_IMAGE_KEY_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
            Videos = new VideoGateway(new GenerationSession(
                Cuboid.Tests.Generation.Images.TestImageCatalog.For(imageSim, ImageKeyVariable, DateOnly.FromDateTime(DateTime.UtcNow)),
                VideoJobs(),
                new MapEnvironment(new Dictionary<string, string> { [ImageKeyVariable] = imageSim.ApiKey }),
                VideoHttp));
        }
    }

    // The job store the gateway itself would open: SQLite under the folder, or the PostgreSQL database.
    private IVideoJobStore VideoJobs() =>
        _videoDatabase is null ? SqliteVideoJobStore.Open(Path.Combine(_store, "videos")) : PostgresVideoJobStore.Open(_videoDatabase, Path.Combine(_store, "videos"));

    /// <summary>The public URL the test gateway's video hosts are told to call back at.</summary>
    public static readonly Uri PublicUrl = new("https://gateway.test/");

    public GatewayModels Models { get; }

    /// <summary>The variable keying the image hosts (names their models at the image simulator), when one was given.</summary>
    public string? ImageKeyVariable { get; }

    /// <summary>The video gateway over the video-host simulator, when one was given.</summary>
    public VideoGateway? Videos { get; }

    /// <summary>The generation session behind <see cref="Videos"/> over the video-host simulator (its runner's events let a test stop a step mid-way).</summary>
    public GenerationSession? VideoSession { get; }

    /// <summary>How this host's video routes name their models at the simulator (for scripting faults).</summary>
    public string? VideoModelPrefix { get; }

    private static readonly HttpClient VideoHttp = new();

    public string StoreFolder => _store;

    /// <summary>The gateway's record store (SQLite in the folder, or the PostgreSQL database).</summary>
    public IGatewayStore Store => Services.GetRequiredService<IGatewayStore>();

    private long? MaxRequestBytes { get; }

    /// <summary>Starts the gateway on a loopback port (Kestrel, not the in-memory server), for a real browser; returns its address.</summary>
    public Uri StartOnLoopback()
    {
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features
            .Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses;
        return new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
    }

    /// <summary>Extra configuration (<c>Cuboid:Outbound:AllowHttp</c>, ...), applied when the server starts.</summary>
    public Dictionary<string, string?> Settings { get; } = new(StringComparer.Ordinal);

    /// <summary>Service overrides (a scripted resolver, a fake clock), applied after the server's own registrations.</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

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
        // Request and Hangfire lines at Information would bury a failing test's message in the console; warnings stay.
        builder.UseSetting("Logging:Console:LogLevel:Default", "Warning");
        if (MaxRequestBytes is { } max)
        {
            builder.UseSetting("Cuboid:MaxRequestBytes", max.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        foreach (var (name, value) in Settings)
        {
            builder.UseSetting(name, value);
        }

        builder.ConfigureServices(services =>
        {
            TestServices?.Invoke(services);
            // The test router in place of the one AddCuboid builds from configuration (GatewayModels and analyses use it).
            services.AddSingleton(Models.Router);
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

    private static ModelRouter BuildRouter(ProviderSimulator sim, ResilienceSettings resilience)
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
            Resilience = resilience,
        };
        var adapters = ProviderAdapters.Create(new ProviderAdapterOptions());
        return new ModelRouter(catalog, settings, adapters.ApiKinds.Select(adapters.Get), env);
    }
}
