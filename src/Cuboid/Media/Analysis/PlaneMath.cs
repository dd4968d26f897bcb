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

    /// <summary>Writes |a[i] - b[i]| into <paramref name="difference"/>.</summary>
    public static void AbsDiff(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, Span<byte> difference)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && a.Length >= Vector<byte>.Count)
        {
            var step = Vector<byte>.Count;
            for (; i + step <= a.Length; i += step)
            {
                var va = new Vector<byte>(a[i..]);
                var vb = new Vector<byte>(b[i..]);
                (Vector.Max(va, vb) - Vector.Min(va, vb)).CopyTo(difference[i..]);
            }
        }

        for (; i < a.Length; i++)
        {
            difference[i] = (byte)Math.Abs(a[i] - b[i]);
        }
    }

    /// <summary>The sum of the eight bytes of <paramref name="packed"/> (SWAR: no loop).</summary>
    public static int SumOfBytes(ulong packed)
    {
        var pairs = (packed & 0x00FF00FF00FF00FFUL) + ((packed >> 8) & 0x00FF00FF00FF00FFUL);
        return (int)((pairs * 0x0001000100010001UL) >> 48);
    }

    /// <summary>Sum of all bytes of a plane.</summary>
    public static long Sum(ReadOnlySpan<byte> plane)
    {
        long total = 0;
        var i = 0;
        if (Vector.IsHardwareAccelerated && plane.Length >= Vector<byte>.Count)
        {
            var vectors = MemoryMarshal.Cast<byte, Vector<byte>>(plane);
            var acc = Vector<uint>.Zero;
            foreach (var v in vectors)
            {
                Vector.Widen(v, out var lo, out var hi);
                Vector.Widen(lo + hi, out var lo2, out var hi2);
                acc += lo2 + hi2;
            }

            total = Vector.Sum(acc);
            i = vectors.Length * Vector<byte>.Count;
        }

        for (; i < plane.Length; i++)
        {
            total += plane[i];
        }

        return total;
    }

    /// <summary>Sum of the squares of all bytes of a plane (for a variance without a second pass).</summary>
    public static long SumOfSquares(ReadOnlySpan<byte> plane)
    {
        long total = 0;
        var i = 0;
        if (Vector.IsHardwareAccelerated && plane.Length >= Vector<byte>.Count)
        {
            var vectors = MemoryMarshal.Cast<byte, Vector<byte>>(plane);
            // Each lane takes four squares (≤ 65,025 each) a vector: flushed well before a uint could overflow.
            const int flushEvery = 4096;
            for (var start = 0; start < vectors.Length; start += flushEvery)
            {
                var acc = Vector<uint>.Zero;
                foreach (var v in vectors.Slice(start, Math.Min(flushEvery, vectors.Length - start)))
                {
                    Vector.Widen(v, out var lo, out var hi);
                    Vector.Widen(lo, out var a, out var b);
                    Vector.Widen(hi, out var c, out var d);
                    acc += (a * a) + (b * b) + (c * c) + (d * d);
                }

                // The lanes together can pass a uint: add them as ulongs.
                Vector.Widen(acc, out var low, out var high);
                total += (long)Vector.Sum(low + high);
            }

            i = vectors.Length * Vector<byte>.Count;
        }

        for (; i < plane.Length; i++)
        {
            total += plane[i] * plane[i];
        }

        return total;
    }

    /// <summary>
    /// Converts planar RGB (three planes) into luma (BT.601) and 8-bit HSV planes as OpenCV defines them
    /// (H 0-179, S and V 0-255). Vectorised: the pass runs this on every frame.
    /// </summary>
    public static void RgbToPlanes(
        ReadOnlySpan<byte> red, ReadOnlySpan<byte> green, ReadOnlySpan<byte> blue,
        Span<byte> luma, Span<byte> hue, Span<byte> saturation, Span<byte> value)
    {
        var done = 0;
        if (Vector.IsHardwareAccelerated && luma.Length >= Vector<byte>.Count)
        {
            done = RgbToPlanesVector(red, green, blue, luma, hue, saturation, value);
        }

        var sat = SaturationScale;
        var hueScale = HueScale;
        for (var p = done; p < luma.Length; p++)
        {
            int r = red[p], g = green[p], b = blue[p];
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

    private static int RgbToPlanesVector(
        ReadOnlySpan<byte> red, ReadOnlySpan<byte> green, ReadOnlySpan<byte> blue,
        Span<byte> luma, Span<byte> hue, Span<byte> saturation, Span<byte> value)
    {
        var step = Vector<byte>.Count;
        var count = luma.Length / step * step;
        Span<Vector<int>> y = stackalloc Vector<int>[4];
        Span<Vector<int>> h = stackalloc Vector<int>[4];
        Span<Vector<int>> s = stackalloc Vector<int>[4];
        Span<Vector<int>> v = stackalloc Vector<int>[4];
        for (var p = 0; p < count; p += step)
        {
            Split(new Vector<byte>(red[p..]), out var r0, out var r1, out var r2, out var r3);
            Split(new Vector<byte>(green[p..]), out var g0, out var g1, out var g2, out var g3);
            Split(new Vector<byte>(blue[p..]), out var b0, out var b1, out var b2, out var b3);
            Convert(r0, g0, b0, out y[0], out h[0], out s[0], out v[0]);
            Convert(r1, g1, b1, out y[1], out h[1], out s[1], out v[1]);
            Convert(r2, g2, b2, out y[2], out h[2], out s[2], out v[2]);
            Convert(r3, g3, b3, out y[3], out h[3], out s[3], out v[3]);
            Join(y).CopyTo(luma[p..]);
            Join(h).CopyTo(hue[p..]);
            Join(s).CopyTo(saturation[p..]);
            Join(v).CopyTo(value[p..]);
        }

        return count;
    }

    private static void Split(Vector<byte> bytes, out Vector<int> a, out Vector<int> b, out Vector<int> c, out Vector<int> d)
    {
        Vector.Widen(bytes, out var lo, out var hi);
        Vector.Widen(lo, out var a1, out var b1);
        Vector.Widen(hi, out var c1, out var d1);
        a = Vector.AsVectorInt32(a1);
        b = Vector.AsVectorInt32(b1);
        c = Vector.AsVectorInt32(c1);
        d = Vector.AsVectorInt32(d1);
    }

    private static Vector<byte> Join(ReadOnlySpan<Vector<int>> parts)
    {
        var lo = Vector.Narrow(Vector.AsVectorUInt32(parts[0]), Vector.AsVectorUInt32(parts[1]));
        var hi = Vector.Narrow(Vector.AsVectorUInt32(parts[2]), Vector.AsVectorUInt32(parts[3]));
        return Vector.Narrow(lo, hi);
    }

    private static void Convert(Vector<int> r, Vector<int> g, Vector<int> b, out Vector<int> y, out Vector<int> h, out Vector<int> s, out Vector<int> v)
    {
        y = Vector.ShiftRightArithmetic((r * 77) + (g * 150) + (b * 29) + new Vector<int>(128), 8);
        var max = Vector.Max(r, Vector.Max(g, b));
        var min = Vector.Min(r, Vector.Min(g, b));
        var diff = max - min;
        v = max;

        var fdiff = Vector.ConvertToSingle(diff);
        var fmax = Vector.ConvertToSingle(max);
        var half = new Vector<float>(0.5f);
        var sat = Vector.ConvertToInt32(Vector.Floor((fdiff * new Vector<float>(255f) / Vector.Max(fmax, Vector<float>.One)) + half));
        s = Vector.ConditionalSelect(Vector.Equals(max, Vector<int>.Zero), Vector<int>.Zero, sat);

        // Hue in sextants of 30 units: offset 0 (red is max), 60 (green) or 120 (blue), written as multiples of diff.
        var isRed = Vector.Equals(max, r);
        var isGreen = Vector.AndNot(Vector.Equals(max, g), isRed);
        var numerator = Vector.ConditionalSelect(
            isRed,
            g - b,
            Vector.ConditionalSelect(isGreen, (b - r) + (diff * 2), (r - g) + (diff * 4)));
        var hf = Vector.ConvertToSingle(numerator) * new Vector<float>(30f) / Vector.Max(fdiff, Vector<float>.One);
        var hi = Vector.ConvertToInt32(Vector.Floor(hf + half));
        hi = Vector.ConditionalSelect(Vector.LessThan(hi, Vector<int>.Zero), hi + new Vector<int>(180), hi);
        hi = Vector.ConditionalSelect(Vector.GreaterThanOrEqual(hi, new Vector<int>(180)), hi - new Vector<int>(180), hi);
        h = Vector.ConditionalSelect(Vector.Equals(diff, Vector<int>.Zero), Vector<int>.Zero, hi);
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
