using System.Globalization;

namespace Cuboid.Testing.Shots;

/// <summary>One shot of a <see cref="ShotReel"/>: a synthetic ffmpeg source shown for a whole number of frames.</summary>
/// <param name="Source">lavfi source with its own options (no size or rate): <c>testsrc2</c>, <c>smptebars</c>,
/// <c>mandelbrot</c>, <c>cellauto</c>, <c>life=mold=10:r=25</c>, <c>color=c=navy</c>, <c>gradients=speed=0.02</c>...</param>
/// <param name="Frames">How many frames the shot lasts.</param>
public sealed record Shot(string Source, int Frames)
{
    /// <summary>Extra filters applied to the shot, e.g. <c>scroll=horizontal=0.04</c> (fast motion) or <c>noise=alls=30:allf=t</c>.</summary>
    public string? Filters { get; init; }

    /// <summary>Frame numbers (within the shot) that are replaced by a white flash.</summary>
    public IReadOnlyList<int> FlashFrames { get; init; } = [];

    /// <summary>Brief brightenings of the shot's own picture (not a white frame): the flashes a detector must not cut.</summary>
    public IReadOnlyList<BrightnessFlash> BrightnessFlashes { get; init; } = [];

    /// <summary>A box sliding across the shot, drawn under the flashes and fades.</summary>
    public MovingOverlay? Overlay { get; init; }

    /// <summary>Frames of fade from black at the start of the shot (0 for none).</summary>
    public int FadeInFrames { get; init; }

    /// <summary>Frames of fade to black at the end of the shot (0 for none).</summary>
    public int FadeOutFrames { get; init; }

    /// <summary>Seed for every random source and filter of the shot (<c>life</c>, <c>cellauto</c>, <c>gradients</c>,
    /// <c>noise</c>...), so the same recipe gives the same pictures on every machine.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Render the source at a quarter of the reel's pixels and scale up (for slow sources such as mandelbrot).</summary>
    public bool RenderSmall { get; init; }

    // The newer parts are appended only when used, so the keys (and cached files) of older reels stay the same.
    internal string Key => $"{Source}|{Frames}|{Filters}|{string.Join(',', FlashFrames)}|{FadeInFrames}|{FadeOutFrames}|{RenderSmall}|seed={Seed}"
        + (BrightnessFlashes.Count > 0 ? "|bright=" + string.Join(',', BrightnessFlashes.Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Frame}+{f.Length}x{f.Gain}"))) : "")
        + (Overlay is { } o ? string.Create(CultureInfo.InvariantCulture, $"|overlay={o.Source}:{o.Width}x{o.Height}@{o.PixelsPerSecond}") : "");
}
