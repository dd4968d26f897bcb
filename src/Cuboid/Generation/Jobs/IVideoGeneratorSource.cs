namespace Cuboid.Generation.Jobs;

/// <summary>The generator for a host id, with that host's own key and address: how a stored job finds its way back.</summary>
public interface IVideoGeneratorSource
{
    IVideoGenerator For(string host);
}
