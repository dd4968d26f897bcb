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

    private readonly byte[] _pixels;
    private readonly int _factor;

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
        _windowSums = new int[(Width / Window) * (Height / Window)];
        _windowSquares = new int[_windowSums.Length];
    }

    public int Width { get; }

    public int Height { get; }

    public void Fill(ReadOnlySpan<byte> luma, int sourceWidth)
    {
        var f = _factor;
        var area = f * f;
        for (var ty = 0; ty < Height; ty++)
        {
            for (var tx = 0; tx < Width; tx++)
            {
                var sum = 0;
                for (var dy = 0; dy < f; dy++)
                {
                    var row = ((ty * f) + dy) * sourceWidth;
                    for (var dx = 0; dx < f; dx++)
                    {
                        sum += luma[row + (tx * f) + dx];
                    }
                }

                _pixels[(ty * Width) + tx] = (byte)((sum + (area / 2)) / area);
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
