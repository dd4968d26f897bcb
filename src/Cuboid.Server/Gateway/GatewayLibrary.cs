using Cuboid.DependencyInjection;
using Cuboid.Portfolio;
using Microsoft.Extensions.Options;

namespace Cuboid.Server.Gateway;

/// <summary>
/// The library in the gateway through its one registration, <c>AddCuboid</c>, as the CLI composes itself: the
/// process-wide <see cref="ModelRouter"/> (on the host's clock and logging), the keyed task clients, the speech-to-text
/// client and the analyzer. Its settings are the <c>Cuboid</c> configuration section over the library config file
/// (<see cref="ServerOptions.Config"/>, else <c>cuboid.json</c> or the user's config file, as for the CLI). The stores
/// stay the gateway's (<see cref="Store.GatewayStorage"/>): register them first and <c>AddCuboid</c> leaves them be.
/// </summary>
internal static class GatewayLibrary
{
    public static IServiceCollection AddGatewayLibrary(this IServiceCollection services)
    {
        services.AddSingleton<LibraryConfiguration>();
        Func<IServiceProvider, IConfiguration> configuration = static provider => provider.GetRequiredService<LibraryConfiguration>().Value;
        services.AddCuboid(configuration);
        services.AddSingleton(static provider => new GatewayModels(provider.GetRequiredService<ModelRouter>(), provider.GetRequiredService<IOptions<ServerOptions>>().Value.RelayChat));
        return services;
    }

    /// <summary>The config file under the host's configuration, read once, when the library first needs a setting.</summary>
    private sealed class LibraryConfiguration(IConfiguration host, IOptions<ServerOptions> options)
    {
        private readonly Lazy<IConfiguration> _value = new(() => new ConfigurationBuilder()
            .Add(new CuboidFileConfigurationSource(options.Value.Config, Directory.GetCurrentDirectory()))
            .AddConfiguration(host)
            .Build());

        public IConfiguration Value => _value.Value;
    }
}
