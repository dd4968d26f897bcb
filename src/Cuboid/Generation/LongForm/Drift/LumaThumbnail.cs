using System.Numerics;

namespace Cuboid.Generation.LongForm;

/// <summary>
/// A frame's luma shrunk to about <see cref="LongSide"/> pixels by box averaging, for SSIM: against the anchor, the
/// previous segment and the frames 2-50 before it. Small enough that a ring of 51 costs 120 kB.
/// </summary>
internal sealed class LumaThumbnail
{
    public const int LongSide = 64;

    // SSIM windows are non-overlapping 4×4 blocks: the cost of a comparison is one pass over 64×36 pixels.
    private const int Window = 4;
    private const double C1 = (0.01 * 255) * (0.01 * 255);
    private const double C2 = (0.03 * 255) * (0.03 * 255);
    private const int ReciprocalShift = 48;

    private readonly byte[] _pixels;
    private readonly int _factor;

    // Fill's scratch row: the sums of a box's rows, per source column. A box of up to 257 rows fits a ushort.
    private readonly ushort[] _columnSums;

    // Rounded division by the box's area as ((sum + area / 2) × ceil(2^48 / area)) >> 48: exact while the sum (under
    // 256 × area) times the reciprocal's error (under the area) stays below 2^48, true for any box up to 257 × 257.
    private readonly ulong _halfArea;
    private readonly ulong _areaReciprocal;

    // Each window's sum and sum of squares, computed once when the thumbnail is filled rather than in every comparison
    // (a frame is compared seven times: anchor, previous segment, five lags).
    private readonly int[] _windowSums;
    private readonly int[] _windowSquares;

    public LumaThumbnail(int sourceWidth, int sourceHeight)
    {
        _factor = Math.Max(1, Math.Max(sourceWidth, sourceHeight) / LongSide);
        Width = Math.Max(1, sourceWidth / _factor);
        Height = Math.Max(1, sourceHeight / _factor);
        _pixels = new byte[Width * Height];
        ArgumentOutOfRangeException.ThrowIfGreaterThan(_factor, 257, nameof(sourceWidth));
        _columnSums = new ushort[Width * _factor];
        var area = (ulong)(_factor * _factor);
        _halfArea = area / 2;
        _areaReciprocal = ((1UL << ReciprocalShift) + area - 1) / area;
        _windowSums = new int[(Width / Window) * (Height / Window)];
        _windowSquares = new int[_windowSums.Length];
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>The thumbnail's pixels, row by row.</summary>
    public ReadOnlySpan<byte> Pixels => _pixels;

    /// <summary>Shrinks <paramref name="luma"/> into the thumbnail: each pixel the rounded mean of a factor × factor box.</summary>
    public void Fill(ReadOnlySpan<byte> luma, int sourceWidth)
    {
        var f = _factor;
        var columns = _columnSums.AsSpan();
        var lanes = Vector<byte>.Count;
        var half = Vector<ushort>.Count;
        for (var ty = 0; ty < Height; ty++)
        {
            // First the box's rows are added column by column (a vector of columns at a time), then each box's
            // columns; the mean's division is a multiply and a shift.
            var top = ty * f * sourceWidth;
            var x = 0;
            if (Vector.IsHardwareAccelerated)
            {
                for (; x + lanes <= columns.Length; x += lanes)
                {
                    var low = Vector<ushort>.Zero;
                    var high = Vector<ushort>.Zero;
                    for (var dy = 0; dy < f; dy++)
                    {
                        Vector.Widen(new Vector<byte>(luma.Slice(top + (dy * sourceWidth) + x, lanes)), out var rowLow, out var rowHigh);
                        low += rowLow;
                        high += rowHigh;
                    }

                    low.CopyTo(columns[x..]);
                    high.CopyTo(columns[(x + half)..]);
                }
            }

            for (; x < columns.Length; x++)
            {
                var sum = 0;
                for (var dy = 0; dy < f; dy++)
                {
                    sum += luma[top + (dy * sourceWidth) + x];
                }

                columns[x] = (ushort)sum;
            }

            var row = _pixels.AsSpan(ty * Width, Width);
            for (var tx = 0; tx < row.Length; tx++)
            {
                var box = columns.Slice(tx * f, f);
                var sum = _halfArea;
                foreach (var column in box)
                {
                    sum += column;
                }

                row[tx] = (byte)((sum * _areaReciprocal) >> ReciprocalShift);
            }
        }

        SumWindows();
    }

    public void CopyFrom(LumaThumbnail other)
    {
        other._pixels.CopyTo(_pixels, 0);
        other._windowSums.CopyTo(_windowSums, 0);
        other._windowSquares.CopyTo(_windowSquares, 0);
    }

    private void SumWindows()
    {
        var across = Width / Window;
        for (var w = 0; w < _windowSums.Length; w++)
        {
            var (wy, wx) = Math.DivRem(w, across);
            int sum = 0, squares = 0;
            for (var dy = 0; dy < Window; dy++)
            {
                var i = (((wy * Window) + dy) * Width) + (wx * Window);
                for (var dx = 0; dx < Window; dx++, i++)
                {
                    int a = _pixels[i];
                    sum += a;
                    squares += a * a;
                }
            }

            _windowSums[w] = sum;
            _windowSquares[w] = squares;
        }
    }

    /// <summary>Structural similarity (Wang et al. 2004, constants for 8-bit) averaged over 4×4 windows: 1 for
    /// identical pictures, near 0 for unrelated ones.</summary>
    public double Ssim(LumaThumbnail other)
    {
        var across = Width / Window;
        var down = Height / Window;
        if (across == 0 || down == 0)
        {
            return 1;
        }

        double total = 0;
        var a = _pixels;
        var b = other._pixels;
        for (var wy = 0; wy < down; wy++)
        {
            for (var wx = 0; wx < across; wx++)
            {
                var w = (wy * across) + wx;
                int sa = _windowSums[w], sb = other._windowSums[w], saa = _windowSquares[w], sbb = other._windowSquares[w], sab = 0;
                for (var dy = 0; dy < Window; dy++)
                {
                    var i = (((wy * Window) + dy) * Width) + (wx * Window);
                    // Window is 4: one row of a window is four products.
                    sab += (a[i] * b[i]) + (a[i + 1] * b[i + 1]) + (a[i + 2] * b[i + 2]) + (a[i + 3] * b[i + 3]);
                }

                const double n = Window * Window;
                var ma = sa / n;
                var mb = sb / n;
                var va = (saa / n) - (ma * ma);
                var vb = (sbb / n) - (mb * mb);
                var cov = (sab / n) - (ma * mb);
                total += ((2 * ma * mb) + C1) * ((2 * cov) + C2) / (((ma * ma) + (mb * mb) + C1) * (va + vb + C2));
            }
        }

        return total / (across * down);
    }
}
