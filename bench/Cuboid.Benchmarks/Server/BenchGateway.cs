using System.Net;
using Cuboid.Portfolio;
using Cuboid.Portfolio.Providers;
using Cuboid.Server;
using Cuboid.Server.Gateway;
using Cuboid.Server.Keys;
using Cuboid.Server.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cuboid.Benchmarks.Server;

/// <summary>
/// The Cuboid gateway on a loopback port, wired as <c>cuboid serve</c> wires it (<see cref="CuboidServer.AddServices"/>,
/// <see cref="CuboidServer.MapRoutes"/>, a fresh SQLite store), over a router whose catalog holds the given
/// OpenAI-protocol models at one upstream.
/// </summary>
internal sealed class BenchGateway : IAsyncDisposable
{
    public const string AdminKey = "cbk-bench-admin-0123456789";
    private const string KeyVariable = "CUBOID_BENCH_UPSTREAM_KEY";

    private readonly WebApplication _app;
    private readonly string _store;

    private BenchGateway(WebApplication app, string store)
    {
        _app = app;
        _store = store;
        BaseUri = new Uri(app.Urls.First().TrimEnd('/') + "/");
    }

    public Uri BaseUri { get; }

    public IGatewayStore Store => _app.Services.GetRequiredService<IGatewayStore>();

    /// <summary>The gateway's services, for timing its parts alone (<see cref="GatewayProfileRun"/>).</summary>
    public IServiceProvider Services => _app.Services;

    public static async Task<BenchGateway> StartAsync(Uri upstream, IReadOnlyList<CatalogModel> models, ResilienceSettings resilience, IReadOnlyDictionary<string, string>? settings = null)
    {
        var store = Path.Combine(Path.GetTempPath(), "cuboid-bench-gateway-" + Guid.NewGuid().ToString("N"));
        // As cuboid serve builds it (CuboidServer.Build): settings read once, the working directory not watched.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Configuration["Cuboid:AdminKey"] = AdminKey;
        builder.Configuration["Cuboid:Store"] = store;
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.Configuration[key] = value;
        }

        CuboidServer.AddServices(builder.Services, builder.Configuration);
        builder.Services.AddSingleton(new GatewayModels(Router(upstream, models, resilience), builder.Configuration.GetValue("Cuboid:RelayChat", defaultValue: true)));
        var app = builder.Build();
        CuboidServer.MapRoutes(app);
        await app.StartAsync();
        return new BenchGateway(app, store);
    }

    /// <summary>A virtual key with a budget far above what the run can spend: every call takes the key path (lookup, hold, spend rows).</summary>
    public string CreateKey(string name) =>
        Store.CreateKey(new KeySpec { Name = name, Budget = 1_000_000m, Period = "total" }, DateTimeOffset.UtcNow).Secret;

    public static CatalogModel Model(string id, decimal inputPerMTok, decimal outputPerMTok, double rating) => new()
    {
        Id = id,
        Tasks = [ModelTasks.Chat],
        Input = ["text"],
        ContextWindow = 128_000,
        Prices = new ModelPrices { InputPerMTok = inputPerMTok, OutputPerMTok = outputPerMTok },
        Ratings = [new ModelRating(ModelTasks.Chat, rating, "bench", DateOnly.FromDateTime(DateTime.UtcNow))],
    };

    internal static ModelRouter Router(Uri upstream, IReadOnlyList<CatalogModel> models, ResilienceSettings resilience)
    {
        var catalog = new ModelCatalog
        {
            Providers = [.. models.Select(m => m.Id.Split(':')[0]).Distinct().Select(provider =>
                new CatalogProvider { Id = provider, ApiKind = "openai", BaseUrl = new Uri(upstream, "v1").ToString(), KeyEnv = KeyVariable })],
            Models = [.. models],
        };
        var adapters = ProviderAdapters.Create(new ProviderAdapterOptions());
        return new ModelRouter(catalog, new PortfolioSettings { Resilience = resilience }, adapters.ApiKinds.Select(adapters.Get),
            new UpstreamKey(KeyVariable, Testing.Simulators.ProviderSimulator.DefaultApiKey));
    }

    /// <summary>The one variable the bench catalog names: the upstream's key.</summary>
    private sealed record UpstreamKey(string Name, string Value) : IEnvironmentVariables
    {
        public string? Get(string name) => name == Name ? Value : null;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (Directory.Exists(_store))
        {
            Directory.Delete(_store, recursive: true);
        }
    }
}
