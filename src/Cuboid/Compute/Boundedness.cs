namespace Cuboid.Compute;

/// <summary>Which roof limits a phase: arithmetic intensity below the GPU's ridge point is memory-bound.</summary>
public enum Boundedness
{
    ComputeBound,
    MemoryBound,
}
