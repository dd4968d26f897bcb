namespace Cuboid.Server.Security;

/// <summary>Registers the SSRF guard: <see cref="OutboundUrlPolicy"/> and <see cref="SafeHttpFetcher"/> from <c>Cuboid:Outbound</c>.</summary>
public static class OutboundServiceCollectionExtensions
{
    public static IServiceCollection AddOutboundSafety(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<OutboundOptions>(configuration.GetSection(OutboundOptions.Section));
        services.AddSingleton<IHostResolver, DnsHostResolver>();
        services.AddSingleton<OutboundUrlPolicy>();
        services.AddSingleton<SafeHttpFetcher>();
        return services;
    }
}
