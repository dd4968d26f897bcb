using Cuboid.Generation.Jobs;
using Cuboid.Portfolio;
using Cuboid.Server;
using Cuboid.Server.Gateway;
using Cuboid.Server.Store;
using Cuboid.Storage;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Cuboid.Tests.Server.Gateway;

/// <summary>The gateway composes the library through <c>AddCuboid</c>, as the CLI does: one wiring.</summary>
public sealed class GatewayLibraryTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cuboid-gateway-library-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task The_router_comes_from_AddCuboid_with_the_config_file_beneath_the_servers_own_settings_and_the_stores_stay_the_gateways()
    {
        var configFile = Path.Combine(_dir, "portfolio.json");
        File.WriteAllText(configFile, """{ "budget": 2.5, "halfLifeDays": 14, "tasks": { "caption": { "policy": "cost" } } }""");
        await using var app = CuboidServer.Build([], builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cuboid:Store"] = Path.Combine(_dir, "store"),
            ["Cuboid:Config"] = configFile,
            // The server's configuration wins over the file, as the environment does for the CLI.
            ["Cuboid:HalfLifeDays"] = "21",
        }));

        var router = app.Services.GetRequiredService<ModelRouter>();
        Assert.Same(router, app.Services.GetRequiredService<GatewayModels>().Router);
        Assert.Equal((2.5m, 21d, RoutingPolicy.Cost), (router.Settings.Budget, router.Settings.HalfLifeDays, router.Settings.PolicyFor(ModelTasks.Caption)));
        Assert.NotNull(app.Services.GetRequiredKeyedService<IChatClient>(ModelTasks.Chat));

        var storage = app.Services.GetRequiredService<GatewayStorage>();
        Assert.Same(storage.VideoJobs, app.Services.GetRequiredService<IVideoJobStore>());
        Assert.Same(storage.Cache, app.Services.GetRequiredService<IAnalysisCache>());
    }

    [Fact]
    public async Task A_bad_portfolio_setting_in_the_servers_configuration_stops_serve_at_start_with_one_line_naming_it()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Store"] = Path.Combine(_dir, "store"),
            ["Config"] = WriteConfig("""{ "budget": 1 }"""),
            ["Resilience:MaxAttempts"] = "0",
        };

        var refused = await Assert.ThrowsAsync<CuboidException>(() => CuboidServer.RunAsync("http://127.0.0.1:0", settings, started: null, CancellationToken.None));

        Assert.Equal((ErrorKind.Usage, CuboidErrorCodes.ConfigInvalid), (refused.Kind, refused.Code));
        Assert.Contains("resilience.maxAttempts must be at least 1", refused.Message, StringComparison.Ordinal);
    }

    private string WriteConfig(string json)
    {
        var path = Path.Combine(_dir, "cuboid.json");
        File.WriteAllText(path, json);
        return path;
    }
}
