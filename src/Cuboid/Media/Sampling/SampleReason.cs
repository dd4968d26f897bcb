namespace Cuboid.Media.Sampling;

/// <summary>Why a frame was sampled.</summary>
public enum SampleReason
{
    /// <summary>The first decoded frame of the video.</summary>
    FirstFrame,

    /// <summary>The first frame at or after a multiple of the sampling interval.</summary>
    Interval,

    /// <summary>The first frame of a new shot (after a hard cut, or the fade-in after a fade through black).</summary>
    AfterCut,
}
