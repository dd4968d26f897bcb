namespace Cuboid.Media.Analysis;

/// <summary>
/// Which frames the decoder may leave un-deblocked (ffmpeg's <c>-skip_loop_filter</c>). The in-loop deblocking filter
/// smooths block edges at full resolution. Skipping it on every frame lets its small errors carry over to the frames
/// predicted from a skipped one: harmless for cut finding once the flash rule judges on luma too, but it would change
/// caption JPEGs and drift metrics, so only <c>cuboid scenes</c> uses <see cref="All"/> (docs/PERFORMANCE.md,
/// "Analysis pass").
/// </summary>
internal enum DeblockingSkip
{
    /// <summary>Deblock every frame (the decoder's default): pixel-exact full-resolution frames.</summary>
    None,

    /// <summary>Skip only frames no other frame is predicted from, so no error carries over to later frames.</summary>
    NonReference,

    /// <summary>Skip every frame: the decoder's in-loop filter is about a tenth of an H.264 decode. Reference frames are
    /// then predicted from un-deblocked pictures, so the small block-edge errors carry over until the next keyframe.</summary>
    All,
}
