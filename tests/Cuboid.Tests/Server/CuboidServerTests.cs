using Cuboid.Server;
using Microsoft.Extensions.Configuration;

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
}
