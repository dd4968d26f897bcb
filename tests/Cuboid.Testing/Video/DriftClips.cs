namespace Cuboid.Testing.Video;

/// <summary>
/// Test videos with known long-form defects for the drift metrics, all from testsrc2 (a moving, detailed picture) at
/// 320x180, 25 fps, made by real ffmpeg filters. Join times are whole seconds, so <c>--segments 2s</c> lines up.
/// </summary>
public static class DriftClips
{
    /// <summary>The base picture: 8 s of testsrc2, no sound.</summary>
    public static VideoRecipe Clean { get; } = new() { Seconds = 8, Audio = false, Gop = 25 };

    /// <summary>Red gamma rises and blue gamma falls with time: a warm colour cast that grows steadily.</summary>
    public static VideoRecipe ColourRamp { get; } = Clean with { Filter = "eq=gamma_r='1+0.2*t':gamma_b='1/(1+0.2*t)':eval=frame" };

    /// <summary>Two black frames (frames 100-101, from 4.00 s): a flash exactly at the 4 s join.</summary>
    public static VideoRecipe FlashAtFourSeconds { get; } = Clean with { Filter = "drawbox=x=0:y=0:w=iw:h=ih:color=black:t=fill:enable='between(n,100,101)'" };

    /// <summary>Black bars of 12% of the height at the top and the bottom (about 22 px each).</summary>
    public static VideoRecipe Letterboxed { get; } = Clean with
    {
        Filter = "drawbox=x=0:y=0:w=iw:h=ih*0.12:color=black:t=fill,drawbox=x=0:y=ih*0.88:w=iw:h=ih*0.12:color=black:t=fill",
    };

    /// <summary>The base picture at 1280x720: the drift's analysis frames come from it through the point-sampling
    /// step, as from real 720p video (the 320 px clips are area-averaged in one step).</summary>
    public static VideoRecipe CleanHd { get; } = Clean with { Width = 1280, Height = 720 };

    /// <summary>Four 2 s segments, each blurred more than the one before (Gaussian sigma 0, 1, 2, 3 source pixels).</summary>
    public static Task<string> BlurRampAsync() => BlurRampAsync(Clean);

    /// <summary>The blur ramp on another picture, e.g. <see cref="CleanHd"/>.</summary>
    public static Task<string> BlurRampAsync(VideoRecipe picture) =>
        SegmentedVideo.BuildAsync(picture, 2, ["", "gblur=sigma=1", "gblur=sigma=2", "gblur=sigma=3"]);

    /// <summary>4 s of motion, then the first frame of the second half held for 4 s.</summary>
    public static Task<string> FrozenSecondHalfAsync() =>
        SegmentedVideo.BuildAsync(Clean, 4, ["", "loop=loop=-1:size=1:start=0,trim=duration=4"]);

    /// <summary>
    /// A chain of <paramref name="hops"/> one-second clips where each hop applies <see cref="HopFilter"/> once more than
    /// the previous: the fixed per-hop colour shift, slight blur and contrast creep that last-frame chaining compounds.
    /// </summary>
    public static Task<string> ChainAsync(int hops) =>
        SegmentedVideo.BuildAsync(
            Clean,
            1,
            [.. Enumerable.Range(0, hops).Select(hop => string.Join(',', Enumerable.Repeat(HopFilter, hop)))]);

    /// <summary>What one simulated hop does to a picture: warmer, a little blurred, a little more contrast.</summary>
    public const string HopFilter = "eq=gamma_r=1.05:gamma_b=0.95:contrast=1.04,gblur=sigma=0.4";
}
