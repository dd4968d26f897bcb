namespace Cuboid.Compute;

/// <summary>Which roof sets a phase's time: memory-bound when moving its bytes (at MBU) takes longer than its FLOPs (at MFU),
/// i.e. when its arithmetic intensity is below the effective ridge point.</summary>
public enum Boundedness
{
    /// <summary>Its FLOPs at the assumed MFU take longer than moving its bytes: a faster GPU core helps.</summary>
    ComputeBound,
    /// <summary>Moving its bytes at the assumed MBU takes longer than its FLOPs: more memory bandwidth helps.</summary>
    MemoryBound,
}
