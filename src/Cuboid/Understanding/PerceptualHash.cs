using System.Numerics;

namespace Cuboid.Understanding;

/// <summary>
/// A 64-bit difference hash (dHash): the picture shrunk to 9×8 grey cells, one bit per horizontal
/// neighbour pair saying whether brightness rises. Near-identical pictures differ in few bits.
/// </summary>
public static class PerceptualHash
{
    public static ulong Difference(ReadOnlySpan<byte> gray, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 9);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 8);
        Span<double> cells = stackalloc double[72];
        for (var cy = 0; cy < 8; cy++)
        {
            var y0 = cy * height / 8;
            var y1 = (cy + 1) * height / 8;
            for (var cx = 0; cx < 9; cx++)
            {
                var x0 = cx * width / 9;
                var x1 = (cx + 1) * width / 9;
                long sum = 0;
                for (var y = y0; y < y1; y++)
                {
                    var row = gray.Slice(y * width, width);
                    for (var x = x0; x < x1; x++)
                    {
                        sum += row[x];
                    }
                }

                cells[cy * 9 + cx] = sum / (double)Math.Max(1, (y1 - y0) * (x1 - x0));
            }
        }

        ulong hash = 0;
        for (var cy = 0; cy < 8; cy++)
        {
            for (var cx = 0; cx < 8; cx++)
            {
                if (cells[cy * 9 + cx + 1] > cells[cy * 9 + cx])
                {
                    hash |= 1UL << (cy * 8 + cx);
                }
            }
        }

        return hash;
    }

    public static int Distance(ulong a, ulong b) => BitOperations.PopCount(a ^ b);
}
