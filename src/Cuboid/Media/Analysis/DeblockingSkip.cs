namespace Cuboid.Media.Analysis;

/// <summary>
/// Which frames the decoder may leave un-deblocked (ffmpeg's <c>-skip_loop_filter</c>). The in-loop deblocking filter
/// smooths block edges at full resolution; after the pass's area downscale to 128-192 px those edges are averaged
/// away, while the filter costs a good part of an H.264 decode.
/// </summary>
internal enum DeblockingSkip
{
    /// <summary>Deblock every frame (the decoder's default): pixel-exact full-resolution frames.</summary>
    None,

    /// <summary>Skip only frames no other frame is predicted from, so no error carries over to later frames.</summary>
    NonReference,

    /// <summary>Skip every frame: the cheapest decode; the small differences it leaves in reference frames carry over
    /// to the frames predicted from them until the next keyframe, which only pictures scaled far down can ignore.</summary>
    All,
}
