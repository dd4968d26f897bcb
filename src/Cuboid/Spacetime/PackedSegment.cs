namespace Cuboid.Spacetime;

/// <summary>One video or image inside a packed sequence: its tokens occupy [Offset, Offset + Length).</summary>
/// <param name="Source">The index of the item in the list that was packed.</param>
public sealed record PackedSegment(int Source, int Offset, int Length, PatchGrid Grid)
{
    public int End => Offset + Length;
}
