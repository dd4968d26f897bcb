using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Cuboid.Cli;

/// <summary>
/// The container a command resolves the library from: the library's one registration (<c>AddCuboid</c>) over the
/// configuration the command's options name. Configuration is read when first needed, so a command checks its own
/// arguments before a broken config file can get in the way, exactly as it did before there was a container.
/// </summary>
internal static class CliServices
{
    /// <summary>
    /// <paramref name="configPath"/> (<c>--config</c>) or <c>cuboid.json</c> and the environment, then
    /// <paramref name="overrides"/> (configuration keys such as <c>Cuboid:Catalog</c> from the command's options).
    /// Without <paramref name="readConfigFile"/>, only the environment: commands that never read <c>cuboid.json</c>.
    /// </summary>
    public static ServiceProvider Create(string? configPath = null, IEnumerable<KeyValuePair<string, string?>>? overrides = null, bool readConfigFile = true)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(_ =>
        {
            var builder = new ConfigurationBuilder();
            if (readConfigFile)
            {
                builder.AddCuboidConfiguration(configPath);
            }
            else
            {
                builder.AddEnvironmentVariables();
            }

            return builder.AddInMemoryCollection(overrides?.Where(o => o.Value is not null) ?? []).Build();
        });
        services.AddCuboid();
        return services.BuildServiceProvider();
    }
}
