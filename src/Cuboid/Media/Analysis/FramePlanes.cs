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

    /// <summary>Statistics of this frame (mean luma, HSV means, ...).</summary>
    public FrameStats Stats { get; internal set; }

    /// <summary>The luma plane (BT.601, 0-255), one byte per pixel, row by row.</summary>
    public ReadOnlySpan<byte> LumaPlane => Luma;

    /// <summary>The hue plane (0-179, OpenCV's scale), one byte per pixel.</summary>
    public ReadOnlySpan<byte> HuePlane => Hue;

    /// <summary>The saturation plane (0-255), one byte per pixel.</summary>
    public ReadOnlySpan<byte> SaturationPlane => Saturation;

    /// <summary>The value (brightness) plane (0-255), one byte per pixel.</summary>
    public ReadOnlySpan<byte> ValuePlane => Value;
}
