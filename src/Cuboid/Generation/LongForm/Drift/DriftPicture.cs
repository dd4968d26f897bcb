namespace Cuboid.Generation.LongForm;

/// <summary>A small picture kept for the drift page (the anchor, the frames either side of a join): planar 8-bit RGB
/// at the analysis size.</summary>
public sealed record DriftPicture(int Width, int Height, byte[] Red, byte[] Green, byte[] Blue)
{
    /// <summary>A picture that owns copies of the three planes.</summary>
    public static DriftPicture Copy(int width, int height, ReadOnlySpan<byte> red, ReadOnlySpan<byte> green, ReadOnlySpan<byte> blue) =>
        new(width, height, red.ToArray(), green.ToArray(), blue.ToArray());
}
