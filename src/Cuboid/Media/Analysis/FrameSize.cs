namespace Cuboid.Media.Analysis;

/// <summary>A frame size in pixels.</summary>
public readonly record struct FrameSize(int Width, int Height)
{
    /// <summary>The size whose long side is <paramref name="longSide"/> (never larger than the source) with the
    /// source's display aspect ratio, rounded down to even numbers so every pixel format accepts it (never enlarging an odd size).</summary>
    public static FrameSize Fit(int displayWidth, int displayHeight, int longSide)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(displayWidth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(displayHeight, 1);
        var target = Math.Min(longSide, Math.Max(displayWidth, displayHeight));
        int width, height;
        if (displayWidth >= displayHeight)
        {
            width = target;
            height = (int)Math.Round(target * (double)displayHeight / displayWidth);
        }
        else
        {
            height = target;
            width = (int)Math.Round(target * (double)displayWidth / displayHeight);
        }

        return new FrameSize(Even(width), Even(height));
    }

    private static int Even(int value) => Math.Max(2, value & ~1);

    /// <summary>The size as <c>WIDTHxHEIGHT</c>, e.g. <c>1280x720</c>.</summary>
    public override string ToString() => $"{Width}x{Height}";
}
