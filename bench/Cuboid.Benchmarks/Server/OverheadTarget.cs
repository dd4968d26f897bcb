namespace Cuboid.Benchmarks.Server;

/// <summary>One way of reaching the upstream's chat completions: directly, or through a gateway with its model name and headers.</summary>
internal sealed record OverheadTarget(string Name, Uri Endpoint, string Model, IReadOnlyDictionary<string, string> Headers) : IDisposable
{
    // One connection kept alive per target, as a real client's pool would: the handshake is not what is measured.
    public HttpClient Client { get; } = new(new SocketsHttpHandler { MaxConnectionsPerServer = 1, UseProxy = false });

    public List<double>[] Milliseconds { get; } = [[], []];

    /// <summary>Per mode, why this target could not serve it (it failed during the warm-up), or null.</summary>
    public string?[] Failure { get; } = [null, null];

    public void Dispose() => Client.Dispose();
}
