using System.Numerics;

namespace Cuboid.Generation.LongForm;

/// <summary>
/// A 2-D hue × saturation histogram (30 × 32 bins over OpenCV's 8-bit HSV), the colour-distribution comparison the
/// drift literature uses. Counts are kept raw so frames can be summed into a segment without rounding.
/// </summary>
internal sealed class HueSaturationHistogram
{
    public const int HueBins = 30;
    public const int SaturationBins = 32;
    public const int Bins = HueBins * SaturationBins;

    // Pixels whose bin numbers are computed (vectorised) before they are counted.
    private const int Chunk = 512;

    // hue / 6 as a multiply and a shift: (hue * 171) >> 10 equals it for every byte (the test checks all 256).
    private const ushort HueReciprocal = 171;
    private const int HueShift = 10;

    private readonly long[] _counts = new long[Bins];

    public long Total { get; private set; }

    /// <summary>The raw counts, bin (hue / 6) × 32 + saturation / 8.</summary>
    public ReadOnlySpan<long> Counts => _counts;

    public void Clear()
    {
        Array.Clear(_counts);
        Total = 0;
    }

    /// <summary>Adds every pixel of a frame (hue 0-179, saturation 0-255).</summary>
    public void AddPixels(ReadOnlySpan<byte> hue, ReadOnlySpan<byte> saturation)
    {
        // Four tables, one per pixel of a group of four: neighbouring pixels often fall in the same bin, and
        // increments of one counter would each wait for the one before. Summed into the counts at the end.
        Span<int> tables = stackalloc int[4 * Bins];
        tables.Clear();
        var t0 = tables[..Bins];
        var t1 = tables.Slice(Bins, Bins);
        var t2 = tables.Slice(2 * Bins, Bins);
        var t3 = tables.Slice(3 * Bins, Bins);
        Span<ushort> bins = stackalloc ushort[Chunk];
        for (var start = 0; start < hue.Length; start += Chunk)
        {
            var length = Math.Min(Chunk, hue.Length - start);
            var chunk = bins[..length];
            BinNumbers(hue.Slice(start, length), saturation.Slice(start, length), chunk);
            var i = 0;
            for (; i + 4 <= chunk.Length; i += 4)
            {
                t0[chunk[i]]++;
                t1[chunk[i + 1]]++;
                t2[chunk[i + 2]]++;
                t3[chunk[i + 3]]++;
            }

            for (; i < chunk.Length; i++)
            {
                t0[chunk[i]]++;
            }
        }

        var counts = _counts;
        for (var b = 0; b < Bins; b++)
        {
            counts[b] += t0[b] + t1[b] + t2[b] + t3[b];
        }

        Total += hue.Length;
    }

    /// <summary>Each pixel's bin, (hue / 6) × 32 + saturation / 8, a vector of pixels at a time.</summary>
    internal static void BinNumbers(ReadOnlySpan<byte> hue, ReadOnlySpan<byte> saturation, Span<ushort> bins)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var lanes = Vector<byte>.Count;
            var half = Vector<ushort>.Count;
            var reciprocal = new Vector<ushort>(HueReciprocal);
            for (; i + lanes <= hue.Length; i += lanes)
            {
                Vector.Widen(new Vector<byte>(hue[i..]), out var hueLow, out var hueHigh);
                Vector.Widen(Vector.ShiftRightLogical(new Vector<byte>(saturation[i..]), 3), out var saturationLow, out var saturationHigh);
                (Vector.ShiftLeft(Vector.ShiftRightLogical(hueLow * reciprocal, HueShift), 5) + saturationLow).CopyTo(bins[i..]);
                (Vector.ShiftLeft(Vector.ShiftRightLogical(hueHigh * reciprocal, HueShift), 5) + saturationHigh).CopyTo(bins[(i + half)..]);
            }
        }

        for (; i < hue.Length; i++)
        {
            bins[i] = (ushort)(((hue[i] * HueReciprocal) >> HueShift) * SaturationBins + (saturation[i] >> 3));
        }
    }

    public void Add(HueSaturationHistogram other)
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }

        Total += other.Total;
    }

    public void CopyFrom(HueSaturationHistogram other)
    {
        Array.Copy(other._counts, _counts, _counts.Length);
        Total = other.Total;
    }

    /// <summary>Bhattacharyya distance of the normalised histograms (OpenCV's HISTCMP_BHATTACHARYYA): 0 for the same
    /// distribution, 1 for disjoint ones.</summary>
    public double DistanceTo(HueSaturationHistogram other)
    {
        if (Total == 0 || other.Total == 0)
        {
            return 0;
        }

        double overlap = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            if (_counts[i] != 0 && other._counts[i] != 0)
            {
                overlap += Math.Sqrt((double)_counts[i] * other._counts[i]);
            }
        }

        return Math.Sqrt(Math.Max(0, 1 - (overlap / Math.Sqrt((double)Total * other.Total))));
    }
}
