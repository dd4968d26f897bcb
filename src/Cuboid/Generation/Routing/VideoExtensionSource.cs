namespace Cuboid.Generation.Routing;

/// <summary>
/// The video an extension continues, as routing needs to know it: the host that made it (hosts that extend by reference
/// take only their own videos) and whether it has a URL another host can fetch without a key.
/// </summary>
internal sealed record VideoExtensionSource(string Host, bool FetchableUrl);
