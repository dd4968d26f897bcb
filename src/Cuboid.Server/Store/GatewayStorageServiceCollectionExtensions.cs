using Cuboid.Generation.Jobs;
using Cuboid.Storage;
using Microsoft.Extensions.Options;

namespace Cuboid.Server.Store;

/// <summary>Registers the gateway's stores, chosen once by <see cref="GatewayStorage.Open"/> from the server's options.</summary>
public static class GatewayStorageServiceCollectionExtensions
{
    /// <summary>Adds <see cref="GatewayStorage"/> and, from it, <see cref="IGatewayStore"/>, <see cref="IVideoJobStore"/> and <see cref="IAnalysisCache"/>.</summary>
    public static IServiceCollection AddGatewayStorage(this IServiceCollection services)
    {
        // A process with a shared queue (--jobs) is one of several on purpose; only a lone gateway locks its folder.
        services.AddSingleton(sp => GatewayStorage.Open(
            sp.GetRequiredService<IOptions<ServerOptions>>().Value,
            lockFolder: sp.GetRequiredService<IOptions<Jobs.ScaleOptions>>().Value.InMemory));
        services.AddSingleton(sp => sp.GetRequiredService<GatewayStorage>().Gateway);
        services.AddSingleton(sp => sp.GetRequiredService<GatewayStorage>().VideoJobs);
        services.AddSingleton(sp => sp.GetRequiredService<GatewayStorage>().Cache);
        return services;
    }
}
