using System.Numerics;

namespace Cuboid.Media.Analysis;

/// <summary>
/// A tiny perceptual fingerprint of a frame: a 64-bit difference hash of its luma and a 64-bin colour histogram
/// (7 hues × 8 brightness levels for coloured pixels, 8 grey levels for unsaturated ones). Enough to tell "the same
/// slide again" from "something new" without keeping pixels.
/// </summary>
public sealed record FrameSignature(ulong DifferenceHash, float[] Histogram)
{
    /// <summary>Number of bins in <see cref="Histogram"/>.</summary>
    public const int Bins = 64;

    /// <summary>0 for identical pictures, 1 for nothing alike: half hash distance, half histogram distance.</summary>
    public double DistanceTo(FrameSignature other)
    {
        var hash = BitOperations.PopCount(DifferenceHash ^ other.DifferenceHash) / 64.0;
        double l1 = 0;
        for (var i = 0; i < Bins; i++)
        {
            l1 += Math.Abs(Histogram[i] - other.Histogram[i]);
        }

        return (0.5 * hash) + (0.25 * l1);
    }

    /// <summary>Computes the signature of analysis planes.</summary>
    public static FrameSignature Of(FramePlanes planes, int width, int height)
    {
        var histogram = new float[Bins];
        var hue = planes.HuePlane;
        var saturation = planes.SaturationPlane;
        var value = planes.ValuePlane;
        for (var i = 0; i < hue.Length; i++)
        {
            var bin = saturation[i] < 48 ? 56 + (value[i] >> 5) : ((hue[i] * 7 / 180) * 8) + (value[i] >> 5);
            histogram[bin]++;
        }

        for (var i = 0; i < Bins; i++)
        {
            histogram[i] /= hue.Length;
        }

        return new FrameSignature(DifferenceHashOf(planes.LumaPlane, width, height), histogram);
    }

    private static ulong DifferenceHashOf(ReadOnlySpan<byte> luma, int width, int height)
    {
        // Mean luma over a 9 × 8 grid, then one bit per horizontal neighbour pair.
        Span<double> grid = stackalloc double[72];
        Span<int> counts = stackalloc int[72];
        for (var y = 0; y < height; y++)
        {
            var gy = y * 8 / height;
            for (var x = 0; x < width; x++)
            {
                var cell = (gy * 9) + (x * 9 / width);
                grid[cell] += luma[(y * width) + x];
                counts[cell]++;
            }
        }

        ulong hash = 0;
        var bit = 0;
        for (var gy = 0; gy < 8; gy++)
        {
            for (var gx = 0; gx < 8; gx++, bit++)
            {
                var left = grid[(gy * 9) + gx] / Math.Max(1, counts[(gy * 9) + gx]);
                var right = grid[(gy * 9) + gx + 1] / Math.Max(1, counts[(gy * 9) + gx + 1]);
                if (left < right)
                {
                    hash |= 1UL << bit;
                }
            }
        }

        return hash;
    }
}
