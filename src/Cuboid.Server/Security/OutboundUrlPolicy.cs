using System.Net;
using Microsoft.Extensions.Options;

namespace Cuboid.Server.Security;

/// <summary>
/// Decides whether a user-supplied URL may be fetched: its scheme (<c>https</c>, <c>http</c> only when configured), then
/// every address its host resolves to (no internal address unless configured). <see cref="SafeHttpFetcher"/> checks the
/// address again when it connects, so a name that resolves elsewhere the second time (DNS rebinding) is still caught.
/// </summary>
public sealed class OutboundUrlPolicy
{
    private readonly OutboundOptions _options;
    private readonly IHostResolver _resolver;
    private readonly IPNetwork[] _allowed;

    public OutboundUrlPolicy(IOptions<OutboundOptions> options, IHostResolver resolver)
    {
        _options = options.Value;
        _resolver = resolver;
        _allowed = [.. _options.AllowedNetworks.Select(n => IPNetwork.TryParse(n, out var network) ? network
            : throw CuboidException.Usage($"Outbound:AllowedNetworks has '{n}', which is not a network in CIDR form (127.0.0.1/32)"))];
    }

    public OutboundOptions Options => _options;

    public IHostResolver Resolver => _resolver;

    /// <summary>The URL parsed and its scheme checked; throws a blocked <see cref="OutboundUrlException"/> naming why not.</summary>
    public Uri CheckScheme(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            throw new OutboundUrlException($"'{Shorten(url)}' is not an absolute URL", blocked: true);
        }

        CheckScheme(uri);
        return uri;
    }

    public void CheckScheme(Uri uri)
    {
        var allowed = uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && _options.AllowHttp);
        if (!allowed)
        {
            throw new OutboundUrlException(
                $"the URL scheme '{uri.Scheme}' is not allowed: only {(_options.AllowHttp ? "https and http" : "https")} URLs are fetched", blocked: true);
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new OutboundUrlException("a URL with a user name or password is not fetched", blocked: true);
        }
    }

    /// <summary>Checks the scheme and every address the host resolves to now (an early, clear answer before any work is queued).</summary>
    public async Task<Uri> CheckAsync(string url, CancellationToken cancellationToken)
    {
        var uri = CheckScheme(url);
        await AddressesAsync(uri.IdnHost, cancellationToken);
        return uri;
    }

    /// <summary>The addresses of <paramref name="host"/>, each checked; throws a blocked <see cref="OutboundUrlException"/> if any is internal.</summary>
    public async Task<IPAddress[]> AddressesAsync(string host, CancellationToken cancellationToken)
    {
        IPAddress[] addresses;
        if (IPAddress.TryParse(host.Trim('[', ']'), out var literal))
        {
            addresses = [literal];
        }
        else
        {
            try
            {
                addresses = await _resolver.ResolveAsync(host, cancellationToken);
            }
            catch (System.Net.Sockets.SocketException ex)
            {
                throw new OutboundUrlException($"the host '{host}' cannot be resolved ({ex.SocketErrorCode})", blocked: false, ex);
            }
        }

        if (addresses.Length == 0)
        {
            throw new OutboundUrlException($"the host '{host}' has no address", blocked: false);
        }

        foreach (var address in addresses)
        {
            Check(host, address);
        }

        return addresses;
    }

    /// <summary>Throws a blocked <see cref="OutboundUrlException"/> when <paramref name="address"/> is internal and not allowed.</summary>
    public void Check(string host, IPAddress address)
    {
        var canonical = InternalAddresses.Canonical(address);
        if (_options.AllowPrivateNetworks || _allowed.Any(n => n.BaseAddress.AddressFamily == canonical.AddressFamily && n.Contains(canonical)))
        {
            return;
        }

        if (InternalAddresses.Kind(canonical) is { } kind)
        {
            var named = IPAddress.TryParse(host.Trim('[', ']'), out _) ? $"{address}" : $"'{host}' resolves to {address}, which";
            throw new OutboundUrlException($"{named} is a {kind} address; the server does not fetch internal addresses", blocked: true);
        }
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "...";
}
