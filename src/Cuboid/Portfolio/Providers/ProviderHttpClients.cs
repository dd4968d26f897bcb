// The failure handler belongs to the HttpClient made here, which the SDK client keeps for its life; the inner transport is shared and never disposed.
#pragma warning disable CA2000
namespace Cuboid.Portfolio.Providers;

/// <summary>
/// Makes the <see cref="HttpClient"/> each SDK client sends through: the endpoint's
/// <see cref="ProviderFailureHandler"/> over one pooled transport shared by every provider.
/// </summary>
internal static class ProviderHttpClients
{
    // One connection pool for the process; connections are recycled so DNS changes are seen.
    private static readonly Lazy<HttpMessageHandler> SharedTransport = new(() => new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(15),
    });

    public static HttpClient Create(ProviderEndpoint endpoint, WireProtocol protocol, ProviderAdapterOptions options)
    {
        var handler = new ProviderFailureHandler(endpoint, protocol, options)
        {
            InnerHandler = options.Handler ?? SharedTransport.Value,
        };
        // The handler chain is not disposed with the client: the transport under it is shared.
        return new HttpClient(handler, disposeHandler: false) { Timeout = options.NetworkTimeout };
    }
}
