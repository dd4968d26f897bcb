using System.Numerics;
using Cuboid.Media.Analysis;

namespace Cuboid.Generation.LongForm;

/// <summary>Measures a <see cref="FrameLook"/> from the analysis pass's frame: vectorised integer loops over its planes
/// (exact sums, so the values are the same as plain loops give), no allocation.</summary>
internal static class FrameLookMeter
{
    /// <summary>Every third pixel: an odd step, so the sample moves across columns from row to row.</summary>
    private const int ColourSampleStep = 3;

    public static FrameLook Measure(AnalysisFrame frame)
    {
        var planes = frame.Planes;
        var luma = planes.LumaPlane;
        var sum = PlaneMath.Sum(luma);
        var squares = PlaneMath.SumOfSquares(luma);
        var n = (double)luma.Length;
        var mean = sum / n;
        var contrast = Math.Sqrt(Math.Max(0, (squares / n) - (mean * mean)));
        var saturation = PlaneMath.Sum(planes.SaturationPlane);

        return new FrameLook(
            MeanLab(frame.Red, frame.Green, frame.Blue),
            mean,
            contrast,
            saturation / n,
            LaplacianVariance(luma, frame.Width, frame.Height));
    }

    /// <summary>The frame's mean Lab colour, from a regular sample of its pixels.</summary>
    public static LabColor MeanLab(ReadOnlySpan<byte> red, ReadOnlySpan<byte> green, ReadOnlySpan<byte> blue) =>
        LabConverter.Mean(red, green, blue, ColourSampleStep);

    /// <summary>Variance of the Laplacian (OpenCV's ksize 1 kernel) over the interior pixels: the usual blur measure.</summary>
    public static double LaplacianVariance(ReadOnlySpan<byte> luma, int width, int height)
    {
        if (width < 3 || height < 3)
        {
            return 0;
        }

        long sum = 0, squares = 0;
        var lanes = Vector<byte>.Count;
        for (var y = 1; y < height - 1; y++)
        {
            var row = y * width;
            var x = 1;
            if (Vector.IsHardwareAccelerated)
            {
                // A Laplacian is within ±1020, a short; its square fits an int, and a row's worth of them a lane's int.
                var rowSums = Vector<int>.Zero;
                var rowSquares = Vector<int>.Zero;
                for (; x + lanes <= width - 1; x += lanes)
                {
                    var i = row + x;
                    Widen(luma.Slice(i, lanes), out var centreLo, out var centreHi);
                    Widen(luma.Slice(i - width, lanes), out var upLo, out var upHi);
                    Widen(luma.Slice(i + width, lanes), out var downLo, out var downHi);
                    Widen(luma.Slice(i - 1, lanes), out var leftLo, out var leftHi);
                    Widen(luma.Slice(i + 1, lanes), out var rightLo, out var rightHi);
                    Accumulate(upLo + downLo + leftLo + rightLo - (centreLo * 4), ref rowSums, ref rowSquares);
                    Accumulate(upHi + downHi + leftHi + rightHi - (centreHi * 4), ref rowSums, ref rowSquares);
                }

                sum += Vector.Sum(rowSums);
                squares += Vector.Sum(rowSquares);
            }

            for (; x < width - 1; x++)
            {
                var i = row + x;
                long laplacian = luma[i - width] + luma[i + width] + luma[i - 1] + luma[i + 1] - (4 * luma[i]);
                sum += laplacian;
                squares += laplacian * laplacian;
            }
        }

        var n = (double)(width - 2) * (height - 2);
        var mean = sum / n;
        return (squares / n) - (mean * mean);
    }

    private static void Widen(ReadOnlySpan<byte> pixels, out Vector<short> low, out Vector<short> high)
    {
        Vector.Widen(new Vector<byte>(pixels), out var lo, out var hi);
        low = Vector.AsVectorInt16(lo);
        high = Vector.AsVectorInt16(hi);
    }

    private static void Accumulate(Vector<short> laplacian, ref Vector<int> sums, ref Vector<int> squares)
    {
        Vector.Widen(laplacian, out var lo, out var hi);
        sums += lo + hi;
        squares += (lo * lo) + (hi * hi);
    }
}
