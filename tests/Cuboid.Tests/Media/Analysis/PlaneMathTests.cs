using Cuboid.Media.Analysis;

namespace Cuboid.Tests.Media.Analysis;

public class PlaneMathTests
{
    [Fact]
    public void The_vectorised_HSV_conversion_matches_the_per_pixel_one()
    {
        const int Pixels = 4096;
        var random = new Random(11);
        var red = new byte[Pixels];
        var green = new byte[Pixels];
        var blue = new byte[Pixels];
        random.NextBytes(red);
        random.NextBytes(green);
        random.NextBytes(blue);
        green[0] = red[0] = blue[0] = 0; // Black, grey and pure colours are the edge cases.
        (red[1], green[1], blue[1]) = (128, 128, 128);
        (red[2], green[2], blue[2]) = (255, 0, 0);
        (red[3], green[3], blue[3]) = (255, 0, 1);
        var (y, h, s, v) = (new byte[Pixels], new byte[Pixels], new byte[Pixels], new byte[Pixels]);

        PlaneMath.RgbToPlanes(red, green, blue, y, h, s, v);

        for (var p = 0; p < Pixels; p++)
        {
            var (y1, h1, s1, v1) = (new byte[1], new byte[1], new byte[1], new byte[1]);
            PlaneMath.RgbToPlanes(red.AsSpan(p, 1), green.AsSpan(p, 1), blue.AsSpan(p, 1), y1, h1, s1, v1);
            Assert.Equal(y1[0], y[p]);
            Assert.Equal(v1[0], v[p]);
            Assert.InRange(s[p] - s1[0], -1, 1);
            var hueGap = Math.Abs(h[p] - h1[0]);
            Assert.True(hueGap <= 1 || hueGap == 179, $"pixel {p}: hue {h[p]} vs {h1[0]}");
        }

        Assert.Equal((0, 0, 0), (h[2], s[2] - 255, v[2] - 255));
        Assert.Equal(0, s[1]);
    }

    [Fact]
    public void Byte_sums_and_differences_are_exact()
    {
        var a = Enumerable.Range(0, 100).Select(i => (byte)(i * 7)).ToArray();
        var b = Enumerable.Range(0, 100).Select(i => (byte)(255 - i)).ToArray();
        var difference = new byte[100];

        PlaneMath.AbsDiff(a, b, difference);

        Assert.Equal(a.Zip(b, (x, z) => (long)Math.Abs(x - z)).Sum(), PlaneMath.SumAbsDiff(a, b));
        Assert.Equal(a.Zip(b, (x, z) => (byte)Math.Abs(x - z)), difference);
        Assert.Equal(a.Sum(x => (long)x), PlaneMath.Sum(a));
        Assert.Equal(255 * 8, PlaneMath.SumOfBytes(ulong.MaxValue));
    }

    [Theory]
    [InlineData(7)]
    [InlineData(20_736)] // a 192×108 drift frame
    [InlineData(1_000_003)] // past the point where the vector lanes are flushed
    public void Sums_of_squares_are_exact(int length)
    {
        var random = new Random(length);
        var plane = new byte[length];
        random.NextBytes(plane);
        plane[0] = 255;

        Assert.Equal(plane.Sum(x => (long)x * x), PlaneMath.SumOfSquares(plane));
        Assert.Equal((long)length * 255 * 255, PlaneMath.SumOfSquares(Enumerable.Repeat((byte)255, length).ToArray()));
    }
}
