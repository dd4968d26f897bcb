namespace Cuboid.Testing.Generation;

/// <summary>What an image host does wrong with one request.</summary>
public enum ImageFaultKind
{
    None,
    RateLimited,
    ServerError,
    ContentPolicy,
}
