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

    /// <summary>Frames of fade from black at the start of the shot (0 for none).</summary>
    public int FadeInFrames { get; init; }

    /// <summary>Frames of fade to black at the end of the shot (0 for none).</summary>
    public int FadeOutFrames { get; init; }

    /// <summary>Seed for every random source and filter of the shot (<c>life</c>, <c>cellauto</c>, <c>gradients</c>,
    /// <c>noise</c>...), so the same recipe gives the same pictures on every machine.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Render the source at a quarter of the reel's pixels and scale up (for slow sources such as mandelbrot).</summary>
    public bool RenderSmall { get; init; }

    internal string Key => $"{Source}|{Frames}|{Filters}|{string.Join(',', FlashFrames)}|{FadeInFrames}|{FadeOutFrames}|{RenderSmall}|seed={Seed}";
}
