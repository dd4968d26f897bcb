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
        return new ImageSize(Even(displayWidth * scale), Even(displayHeight * scale));
    }

    private static int Even(double value) => Math.Max(2, (int)Math.Round(value / 2) * 2);
}
