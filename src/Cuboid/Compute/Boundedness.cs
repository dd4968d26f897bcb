namespace Cuboid.Compute;

/// <summary>Which roof sets a phase's time: memory-bound when moving its bytes (at MBU) takes longer than its FLOPs (at MFU),
/// i.e. when its arithmetic intensity is below the effective ridge point.</summary>
public enum Boundedness
{
    ComputeBound,
    MemoryBound,
}
