namespace Cuboid.Media.Frames;

/// <summary>The size of an exported image: the display size (pixel aspect and rotation applied) fitted into a maximum long side.</summary>
public readonly record struct ImageSize(int Width, int Height)
{
    /// <summary>Fits <paramref name="displayWidth"/>×<paramref name="displayHeight"/> into <paramref name="maxSize"/>
    /// on the long side without enlarging, keeping the aspect ratio, with even dimensions (what encoders want).</summary>
    public static ImageSize Fit(int displayWidth, int displayHeight, int maxSize)
    {
        if (displayWidth <= 0 || displayHeight <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(displayWidth), "the display size must be positive");
        }

        var scale = Math.Min(1.0, (double)maxSize / Math.Max(displayWidth, displayHeight));
        var limit = EvenBelow(maxSize);
        return new ImageSize(
            Even(displayWidth * scale, Math.Min(limit, EvenBelow(displayWidth))),
            Even(displayHeight * scale, Math.Min(limit, EvenBelow(displayHeight))));
    }

    // Nearest even keeps the aspect ratio closest; the cap stops an odd side or an odd maximum from growing (323 -> 322, not 324).
    private static int Even(double value, int cap) => Math.Max(2, Math.Min(cap, (int)Math.Round(value / 2) * 2));

    private static int EvenBelow(int value) => value / 2 * 2;
}
