namespace Cuboid.Media.Scenes;

/// <summary>
/// Scene detection settings. Defaults follow PySceneDetect v0.7.1 (content threshold 27, adaptive threshold 3.0 with
/// window 2 and minimum content 15, fade threshold 12) and the best published minimum scene length (0.6 s).
/// </summary>
public sealed record SceneDetectionOptions
{
    /// <summary>PySceneDetect's content threshold (score 0-255).</summary>
    public const double DefaultContentThreshold = 27;
    /// <summary>PySceneDetect's adaptive threshold (ratio of a frame's score to its neighbours' average).</summary>
    public const double DefaultAdaptiveThreshold = 3.0;

    /// <summary>Which detector finds the cuts.</summary>
    public SceneDetectorKind Detector { get; init; } = SceneDetectorKind.Content;

    /// <summary>Cut threshold: content score (0-255) for <see cref="SceneDetectorKind.Content"/>, score ratio for
    /// <see cref="SceneDetectorKind.Adaptive"/>. Null picks the detector's default.</summary>
    public double? Threshold { get; init; }

    /// <summary>Adaptive detector: frames on each side averaged for the ratio.</summary>
    public int AdaptiveWindow { get; init; } = 2;

    /// <summary>Adaptive detector: a cut also needs at least this content score.</summary>
    public double MinContentScore { get; init; } = 15;

    /// <summary>Content detector: a cut's score must also be at least this many times the score of each of the three
    /// frames before it, so busy in-shot texture and low frame rates (where every frame
    /// differs by about the threshold) are not cuts. Zero turns it off (PySceneDetect's behaviour).</summary>
    public double MinJumpRatio { get; init; } = 1.5;

    /// <summary>Two cuts are at least this far apart (and the first is this far from the start).</summary>
    public TimeSpan MinSceneLength { get; init; } = TimeSpan.FromSeconds(0.6);

    /// <summary>Mean luma (0-255) below which a frame counts as black for fades. Zero turns fade detection off.</summary>
    public double FadeThreshold { get; init; } = 12;

    /// <summary>A jump that returns to the previous shot within this time is a flash, not a cut; so is a brightness spike
    /// (up and back down within this time) whose pictures before and after are alike, even when the shot moved on
    /// meanwhile. Zero turns both off.</summary>
    public TimeSpan FlashWindow { get; init; } = TimeSpan.FromSeconds(0.25);

    /// <summary>The threshold actually used: <see cref="Threshold"/> or the detector's default.</summary>
    public double EffectiveThreshold => Threshold ?? (Detector == SceneDetectorKind.Adaptive ? DefaultAdaptiveThreshold : DefaultContentThreshold);

    /// <summary>Throws a usage error naming the first bad value.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Detector))
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.Detector, $"unknown scene detector '{Detector}'; use content or adaptive");
        }

        if (Threshold is { } t && (double.IsNaN(t) || t <= 0 || (Detector == SceneDetectorKind.Content && t > 255)))
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.Threshold, Detector == SceneDetectorKind.Content
                ? $"threshold {t} is out of range; the content detector takes a value in (0, 255], default 27"
                : $"threshold {t} is out of range; the adaptive detector takes a ratio above 0, default 3.0");
        }

        if (AdaptiveWindow is < 1 or > 8)
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.AdaptiveWindow, $"adaptive window {AdaptiveWindow} is out of range; use 1 to 8 frames");
        }

        if (MinContentScore < 0 || MinJumpRatio < 0 || double.IsNaN(MinJumpRatio) || MinSceneLength < TimeSpan.Zero || FadeThreshold is < 0 or > 255 || FlashWindow < TimeSpan.Zero)
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.SceneDetection, "scene detection options must not be negative (min content, jump ratio, min scene, fade threshold, flash window)");
        }

        if (FlashWindow > TimeSpan.FromSeconds(2))
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.FlashWindow, $"flash window {FlashWindow.TotalSeconds}s is too long; use at most 2s");
        }
    }
}
