namespace Cuboid.Generation.Jobs;

/// <summary>The generator for a host id, with that host's own key and address: how a stored job finds its way back.</summary>
public interface IVideoGeneratorSource
{
    /// <summary>The generator for <paramref name="host"/> (a <see cref="Catalog.VideoHost.Id"/>), with that host's key and base URL.</summary>
    IVideoGenerator For(string host);
}
