namespace Cuboid.Media.Analysis;

/// <summary>
/// One analysis-resolution frame as planes (luma and OpenCV-style 8-bit HSV: hue 0-179, saturation and value 0-255)
/// plus its statistics. Owned by the pass and reused: valid only while the frame is in the pass's short history.
/// </summary>
public sealed class FramePlanes
{
    internal FramePlanes(int pixels)
    {
        Luma = new byte[pixels];
        Hue = new byte[pixels];
        Saturation = new byte[pixels];
        Value = new byte[pixels];
    }

    internal byte[] Luma { get; }

    internal byte[] Hue { get; }

    internal byte[] Saturation { get; }

    internal byte[] Value { get; }

    public FrameStats Stats { get; internal set; }

    public ReadOnlySpan<byte> LumaPlane => Luma;

    public ReadOnlySpan<byte> HuePlane => Hue;

    public ReadOnlySpan<byte> SaturationPlane => Saturation;

    public ReadOnlySpan<byte> ValuePlane => Value;
}
