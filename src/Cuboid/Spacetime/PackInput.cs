namespace Cuboid.Spacetime;

/// <summary>One clip or image to pack: its contiguous [T, H, W, C] data and how to cut it (an image has one frame).</summary>
public sealed record PackInput<T>(ReadOnlyMemory<T> Data, PatchGrid Grid)
    where T : unmanaged;
