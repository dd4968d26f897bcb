namespace Cuboid.Spacetime;

/// <summary>One video or image inside a packed sequence: its tokens occupy [Offset, Offset + Length).</summary>
/// <param name="Source">The index of the item in the list that was packed.</param>
public sealed record PackedSegment(int Source, int Offset, int Length, PatchGrid Grid)
{
    /// <summary>The index just past the segment's last token: <see cref="Offset"/> + <see cref="Length"/>.</summary>
    public int End => Offset + Length;
}
