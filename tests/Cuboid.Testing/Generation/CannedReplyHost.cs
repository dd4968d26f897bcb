using System.Text.Json.Nodes;

namespace Cuboid.Testing.Generation;

/// <summary>A loopback host that answers every request with <see cref="Reply"/>: one status reply in a host's own shape.</summary>
public sealed class CannedReplyHost : IAsyncDisposable
{
    private readonly HostAndCdn _server;

    private CannedReplyHost(HostAndCdn server) => _server = server;

    public JsonObject Reply { get; set; } = [];

    public Uri ApiUri => _server.ApiUri;

    public static async Task<CannedReplyHost> StartAsync()
    {
        CannedReplyHost? host = null;
        var server = await HostAndCdn.StartAsync(context => HostAndCdn.WriteJsonAsync(context, 200, (JsonObject)host!.Reply.DeepClone()), null, CancellationToken.None);
        host = new CannedReplyHost(server);
        return host;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
