namespace Cuboid.Generation.LongForm;

/// <summary>How a long video's segments are conditioned on each other (reference <c>video-generation-apis.md</c> §9).</summary>
public enum LongFormStrategy
{
    /// <summary>Every boundary keyframe made first by an image model from the anchors, then each segment rendered between
    /// two of them: errors cannot compound, and segments render in parallel.</summary>
    Keyframes,

    /// <summary>Each segment starts from the previous segment's last frame (lossless, native size): the baseline, which drifts.</summary>
    Chain,

    /// <summary>The host's native extension of the previous segment, where a model offers it.</summary>
    Extend,
}
