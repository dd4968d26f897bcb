using Cuboid.Server;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cuboid.Tests.Server;

/// <summary>How <see cref="CuboidServer.Build"/> sets up the host that <c>cuboid serve</c> runs.</summary>
public sealed class CuboidServerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cuboid-server-build-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task The_settings_files_are_read_once_and_not_watched_so_no_folder_under_the_working_directory_is()
    {
        await using var app = CuboidServer.Build([], builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cuboid:Store"] = Path.Combine(_dir, "store"),
        }));

        var files = ((IConfigurationBuilder)app.Configuration).Sources.OfType<FileConfigurationSource>().ToList();

        Assert.Contains(files, f => f.Path == "appsettings.json");
        Assert.All(files, f => Assert.False(f.ReloadOnChange, $"{f.Path} is watched"));
    }

    [Fact]
    public async Task ASP_NET_Cores_per_request_lines_are_off_by_default_and_configuration_can_turn_them_on()
    {
        await using var quiet = CuboidServer.Build([], builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cuboid:Store"] = Path.Combine(_dir, "quiet"),
        }));
        await using var chatty = CuboidServer.Build([], builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cuboid:Store"] = Path.Combine(_dir, "chatty"),
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Information",
        }));

        var requests = quiet.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics");
        var cuboid = quiet.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Cuboid.Portfolio.CallRouter");

        Assert.False(requests.IsEnabled(LogLevel.Information));
        Assert.True(requests.IsEnabled(LogLevel.Warning));
        Assert.True(cuboid.IsEnabled(LogLevel.Information));
        Assert.True(chatty.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Information));
    }

    [Fact]
    public async Task Chat_is_relayed_by_default_and_configuration_can_send_it_through_the_routed_clients()
    {
        await using var relayed = CuboidServer.Build([], builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cuboid:Store"] = Path.Combine(_dir, "relayed"),
        }));
        await using var converted = CuboidServer.Build([], builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cuboid:Store"] = Path.Combine(_dir, "converted"),
            ["Cuboid:RelayChat"] = "false",
        }));

        Assert.NotNull(relayed.Services.GetRequiredService<Cuboid.Server.Gateway.GatewayModels>().Relay);
        Assert.Null(converted.Services.GetRequiredService<Cuboid.Server.Gateway.GatewayModels>().Relay);
    }
}
