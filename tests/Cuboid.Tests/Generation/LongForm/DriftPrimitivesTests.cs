using Cuboid.Generation.LongForm;

namespace Cuboid.Tests.Generation.LongForm;

/// <summary>The pixel arithmetic under the drift metrics, against published values.</summary>
public class DriftPrimitivesTests
{
    [Theory]
    [InlineData(255, 255, 255, 100.0, 0.0, 0.0)]
    [InlineData(0, 0, 0, 0.0, 0.0, 0.0)]
    [InlineData(255, 0, 0, 53.24, 80.09, 67.20)] // sRGB red (D65), the standard conversion's value
    [InlineData(0, 0, 255, 32.30, 79.19, -107.86)]
    public void Mean_lab_of_a_flat_colour_matches_the_standard_conversion(byte r, byte g, byte b, double l, double a, double bb)
    {
        var lab = LabConverter.Mean(Enumerable.Repeat(r, 16).ToArray(), Enumerable.Repeat(g, 16).ToArray(), Enumerable.Repeat(b, 16).ToArray());

        // The cube-root table has 4,096 steps: within half a unit of the exact formula.
        Assert.Equal(l, lab.L, 0.5);
        Assert.Equal(a, lab.A, 0.5);
        Assert.Equal(bb, lab.B, 0.5);
    }

    [Fact]
    public void Ssim_is_one_for_identical_pictures_and_low_for_unrelated_ones()
    {
        var a = new LumaThumbnail(64, 32);
        var b = new LumaThumbnail(64, 32);
        var random = new Random(7);
        var pixels = new byte[64 * 32];
        random.NextBytes(pixels);
        a.Fill(pixels, 64);
        b.Fill(pixels, 64);
        Assert.Equal(1.0, a.Ssim(b), 6);

        random.NextBytes(pixels);
        b.Fill(pixels, 64);
        Assert.InRange(a.Ssim(b), -0.2, 0.2);
    }

    [Fact]
    public void A_sharp_edge_has_more_laplacian_variance_than_a_soft_one()
    {
        var sharp = new byte[16 * 16];
        var soft = new byte[16 * 16];
        for (var y = 0; y < 16; y++)
        {
            for (var x = 0; x < 16; x++)
            {
                sharp[(y * 16) + x] = (byte)(x < 8 ? 0 : 255);
                soft[(y * 16) + x] = (byte)Math.Clamp((x - 4) * 32, 0, 255);
            }
        }

        Assert.True(FrameLookMeter.LaplacianVariance(sharp, 16, 16) > 4 * FrameLookMeter.LaplacianVariance(soft, 16, 16));
    }

    [Fact]
    public void Trend_slope_and_contrast_follow_a_straight_line()
    {
        var trend = MetricTrend.Of("x", [1, 3, 5, 7]);

        Assert.Equal(2, trend.Slope, 9);
        Assert.Equal(6, trend.Change);
        Assert.Equal(7, trend.Ratio);
    }

    [Theory]
    [InlineData(192, 108)]
    [InlineData(67, 5)] // rows shorter than a vector, and a ragged tail
    public void The_vectorised_laplacian_variance_is_the_plain_loops_value(int width, int height)
    {
        var luma = new byte[width * height];
        new Random(width).NextBytes(luma);

        Assert.Equal(PlainLaplacianVariance(luma, width, height), FrameLookMeter.LaplacianVariance(luma, width, height));
    }

    [Fact]
    public void Ssim_from_kept_window_sums_is_the_direct_computation()
    {
        const int width = 192, height = 108;
        var random = new Random(9);
        var a = new byte[width * height];
        var b = new byte[width * height];
        random.NextBytes(a);
        for (var i = 0; i < b.Length; i++)
        {
            b[i] = (byte)Math.Clamp(a[i] + random.Next(-40, 41), 0, 255);
        }

        var first = new LumaThumbnail(width, height);
        var second = new LumaThumbnail(width, height);
        var copy = new LumaThumbnail(width, height);
        first.Fill(a, width);
        second.Fill(b, width);
        copy.CopyFrom(second);

        var expected = DirectSsim(Shrink(a, width, height, 3), Shrink(b, width, height, 3), width / 3, height / 3);
        Assert.Equal(expected, first.Ssim(second), 12);
        Assert.Equal(expected, first.Ssim(copy), 12);
    }

    [Theory]
    [InlineData(192, 108)] // the drift's frames: a 3 × 3 box
    [InlineData(64, 32)] // one pixel a box
    [InlineData(320, 180)] // 5 × 5, rows not a whole number of vectors
    [InlineData(512, 288)] // 8 × 8, the largest analysis size
    [InlineData(200, 7)] // two rows of boxes, too few for an SSIM window
    public void The_vectorised_thumbnail_fill_is_the_plain_box_mean(int width, int height)
    {
        var luma = new byte[width * height];
        new Random(width + height).NextBytes(luma);
        // Saturated corners: the largest box sums round exactly too.
        luma.AsSpan(0, width).Fill(255);
        var thumbnail = new LumaThumbnail(width, height);
        var f = Math.Max(1, Math.Max(width, height) / LumaThumbnail.LongSide);
        thumbnail.Fill(luma, width);

        Assert.Equal(Shrink(luma, width, height, f), thumbnail.Pixels.ToArray());
    }

    [Fact]
    public void The_hue_bin_by_multiply_and_shift_is_hue_over_six_for_every_byte()
    {
        var hue = Enumerable.Range(0, 256).Select(h => (byte)h).ToArray();
        var saturation = Enumerable.Range(0, 256).Select(s => (byte)(255 - s)).ToArray();
        var bins = new ushort[256];

        HueSaturationHistogram.BinNumbers(hue, saturation, bins);

        Assert.Equal(Enumerable.Range(0, 256).Select(i => (ushort)((i / 6 * 32) + ((255 - i) >> 3))), bins);
    }

    [Theory]
    [InlineData(192 * 108)]
    [InlineData(1001)] // not a whole number of vectors, chunks or groups of four
    public void The_histogram_counts_are_the_plain_loops_counts(int pixels)
    {
        var random = new Random(pixels);
        var hue = new byte[pixels];
        var saturation = new byte[pixels];
        for (var i = 0; i < pixels; i++)
        {
            // Runs of one colour, as flat areas of a frame give: the case the separate tables are for.
            hue[i] = i % 50 < 30 ? (byte)90 : (byte)random.Next(180);
            saturation[i] = (byte)random.Next(256);
        }

        var expected = new long[HueSaturationHistogram.Bins];
        for (var i = 0; i < pixels; i++)
        {
            expected[(hue[i] / 6 * HueSaturationHistogram.SaturationBins) + (saturation[i] >> 3)]++;
        }

        var histogram = new HueSaturationHistogram();
        histogram.AddPixels(hue, saturation);
        histogram.AddPixels(hue, saturation);

        Assert.Equal(expected.Select(c => 2 * c), histogram.Counts.ToArray());
        Assert.Equal(2L * pixels, histogram.Total);
    }

    private static double PlainLaplacianVariance(byte[] luma, int width, int height)
    {
        long sum = 0, squares = 0;
        for (var y = 1; y < height - 1; y++)
        {
            for (var x = 1; x < width - 1; x++)
            {
                var i = (y * width) + x;
                long laplacian = luma[i - width] + luma[i + width] + luma[i - 1] + luma[i + 1] - (4 * luma[i]);
                sum += laplacian;
                squares += laplacian * laplacian;
            }
        }

        var n = (double)(width - 2) * (height - 2);
        return (squares / n) - (sum / n * (sum / n));
    }

    private static byte[] Shrink(byte[] luma, int width, int height, int f)
    {
        var (w, h) = (width / f, height / f);
        var small = new byte[w * h];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var sum = 0;
                for (var dy = 0; dy < f; dy++)
                {
                    for (var dx = 0; dx < f; dx++)
                    {
                        sum += luma[((y * f) + dy) * width + (x * f) + dx];
                    }
                }

                small[(y * w) + x] = (byte)((sum + (f * f / 2)) / (f * f));
            }
        }

        return small;
    }

    // Wang et al.'s SSIM over non-overlapping 4×4 windows, every sum taken afresh.
    private static double DirectSsim(byte[] a, byte[] b, int width, int height)
    {
        const double c1 = (0.01 * 255) * (0.01 * 255), c2 = (0.03 * 255) * (0.03 * 255), n = 16;
        double total = 0;
        var windows = 0;
        for (var wy = 0; wy + 4 <= height; wy += 4)
        {
            for (var wx = 0; wx + 4 <= width; wx += 4)
            {
                double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
                for (var dy = 0; dy < 4; dy++)
                {
                    for (var dx = 0; dx < 4; dx++)
                    {
                        int x = a[((wy + dy) * width) + wx + dx], y = b[((wy + dy) * width) + wx + dx];
                        (sa, sb, saa, sbb, sab) = (sa + x, sb + y, saa + (x * x), sbb + (y * y), sab + (x * y));
                    }
                }

                var (ma, mb) = (sa / n, sb / n);
                var (va, vb, cov) = ((saa / n) - (ma * ma), (sbb / n) - (mb * mb), (sab / n) - (ma * mb));
                total += ((2 * ma * mb) + c1) * ((2 * cov) + c2) / (((ma * ma) + (mb * mb) + c1) * (va + vb + c2));
                windows++;
            }
        }

        return total / windows;
    }
}
