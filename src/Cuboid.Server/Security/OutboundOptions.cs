namespace Cuboid.Server.Security;

/// <summary>
/// What the server may fetch when a request names a URL (analysis sources, webhook targets, fal's JWKS): the
/// <c>Cuboid:Outbound</c> configuration section. By default only <c>https</c> to public addresses, with a size and a time limit.
/// </summary>
public sealed record OutboundOptions
{
    public const string Section = "Cuboid:Outbound";

    /// <summary>Allow plain <c>http://</c> too (https only by default).</summary>
    public bool AllowHttp { get; init; }

    /// <summary>Allow every private, loopback, link-local and otherwise internal address (a server on a closed network).</summary>
    public bool AllowPrivateNetworks { get; init; }

    /// <summary>Networks allowed although internal, in CIDR form (<c>127.0.0.1/32</c>, <c>10.20.0.0/16</c>): narrower than <see cref="AllowPrivateNetworks"/>.</summary>
    public IReadOnlyList<string> AllowedNetworks { get; init; } = [];

    /// <summary>The largest body fetched, in bytes (a video to analyse); larger ones are refused.</summary>
    public long MaxResponseBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>How long one fetch (connect, redirects and the whole body) may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Redirects followed (each one checked again) before the fetch is refused.</summary>
    public int MaxRedirects { get; init; } = 5;
}
