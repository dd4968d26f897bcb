namespace Cuboid.Generation.LongForm;

/// <summary>Dark bars along the edges, in source pixels, present in almost every lit frame.</summary>
/// <param name="Top">Rows at the top.</param>
/// <param name="Bottom">Rows at the bottom.</param>
/// <param name="Left">Columns at the left.</param>
/// <param name="Right">Columns at the right.</param>
/// <param name="FramesSeen">Lit frames the bars were measured on (dark frames are skipped: they are all "bar").</param>
public sealed record LetterboxBars(int Top, int Bottom, int Left, int Right, long FramesSeen)
{
    /// <summary>Whether any edge has a bar.</summary>
    public bool Any => Top + Bottom + Left + Right > 0;
}
