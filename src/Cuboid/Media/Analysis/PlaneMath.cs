using System.Numerics;
using System.Runtime.InteropServices;

namespace Cuboid.Media.Analysis;

/// <summary>The few pixel loops the analysis pass spends its time in, vectorised where it matters.</summary>
internal static class PlaneMath
{
    // 12-bit fixed-point reciprocals so the RGB to HSV conversion has no division per pixel.
    private static readonly int[] SaturationScale = BuildSaturationScale();
    private static readonly int[] HueScale = BuildHueScale();

    /// <summary>Sum of |a[i] - b[i]| over two equally long planes.</summary>
    public static long SumAbsDiff(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        long total = 0;
        var i = 0;
        if (Vector.IsHardwareAccelerated && a.Length >= Vector<byte>.Count)
        {
            var va = MemoryMarshal.Cast<byte, Vector<byte>>(a);
            var vb = MemoryMarshal.Cast<byte, Vector<byte>>(b);
            var acc = Vector<uint>.Zero;
            for (var k = 0; k < va.Length; k++)
            {
                var diff = Vector.Max(va[k], vb[k]) - Vector.Min(va[k], vb[k]);
                Vector.Widen(diff, out var lo, out var hi);
                var wide = lo + hi;
                Vector.Widen(wide, out var lo2, out var hi2);
                acc += lo2 + hi2;
            }

            total = Vector.Sum(acc);
            i = va.Length * Vector<byte>.Count;
        }

        for (; i < a.Length; i++)
        {
            total += Math.Abs(a[i] - b[i]);
        }

        return total;
    }

    /// <summary>Sum of all bytes of a plane.</summary>
    public static long Sum(ReadOnlySpan<byte> plane)
    {
        long total = 0;
        foreach (var value in plane)
        {
            total += value;
        }

        return total;
    }

    /// <summary>Converts packed RGB24 into luma (BT.601) and 8-bit HSV planes as OpenCV does (H 0-179).</summary>
    public static void RgbToPlanes(ReadOnlySpan<byte> rgb, Span<byte> luma, Span<byte> hue, Span<byte> saturation, Span<byte> value)
    {
        var sat = SaturationScale;
        var hueScale = HueScale;
        for (int p = 0, i = 0; p < luma.Length; p++, i += 3)
        {
            int r = rgb[i], g = rgb[i + 1], b = rgb[i + 2];
            luma[p] = (byte)(((77 * r) + (150 * g) + (29 * b) + 128) >> 8);
            var max = Math.Max(r, Math.Max(g, b));
            var min = Math.Min(r, Math.Min(g, b));
            var diff = max - min;
            value[p] = (byte)max;
            saturation[p] = (byte)(((diff * sat[max]) + 2048) >> 12);
            int h;
            if (diff == 0)
            {
                h = 0;
            }
            else if (max == r)
            {
                h = (((g - b) * hueScale[diff]) + 2048) >> 12;
            }
            else if (max == g)
            {
                h = 60 + ((((b - r) * hueScale[diff]) + 2048) >> 12);
            }
            else
            {
                h = 120 + ((((r - g) * hueScale[diff]) + 2048) >> 12);
            }

            if (h < 0)
            {
                h += 180;
            }
            else if (h >= 180)
            {
                h -= 180;
            }

            hue[p] = (byte)h;
        }
    }

    private static int[] BuildSaturationScale()
    {
        var table = new int[256];
        for (var v = 1; v < 256; v++)
        {
            table[v] = (int)Math.Round(255.0 * 4096 / v);
        }

        return table;
    }

    private static int[] BuildHueScale()
    {
        // Hue in OpenCV's 8-bit range: 30 units per sextant of the colour wheel.
        var table = new int[256];
        for (var d = 1; d < 256; d++)
        {
            table[d] = (int)Math.Round(30.0 * 4096 / d);
        }

        return table;
    }
}
