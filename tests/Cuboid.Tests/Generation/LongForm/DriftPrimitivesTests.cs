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
}
