using System.Net;

namespace Cuboid.Server.Security;

/// <summary>Resolves a host name to its addresses: DNS in production, a script in tests (DNS rebinding).</summary>
public interface IHostResolver
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}
