using Cuboid.Media.Analysis;

namespace Cuboid.Generation.LongForm;

/// <summary>Measures a <see cref="FrameLook"/> from the analysis pass's frame: plain loops over its planes, no allocation.</summary>
internal static class FrameLookMeter
{
    /// <summary>Every third pixel: an odd step, so the sample moves across columns from row to row.</summary>
    private const int ColourSampleStep = 3;

    public static FrameLook Measure(AnalysisFrame frame)
    {
        var planes = frame.Planes;
        var luma = planes.LumaPlane;
        long sum = 0, squares = 0;
        foreach (var y in luma)
        {
            sum += y;
            squares += y * y;
        }

        var n = (double)luma.Length;
        var mean = sum / n;
        var contrast = Math.Sqrt(Math.Max(0, (squares / n) - (mean * mean)));
        long saturation = 0;
        foreach (var s in planes.SaturationPlane)
        {
            saturation += s;
        }

        return new FrameLook(
            LabConverter.Mean(frame.Red, frame.Green, frame.Blue, ColourSampleStep),
            mean,
            contrast,
            saturation / n,
            LaplacianVariance(luma, frame.Width, frame.Height));
    }

    /// <summary>Variance of the Laplacian (OpenCV's ksize 1 kernel) over the interior pixels: the usual blur measure.</summary>
    public static double LaplacianVariance(ReadOnlySpan<byte> luma, int width, int height)
    {
        if (width < 3 || height < 3)
        {
            return 0;
        }

        long sum = 0, squares = 0;
        for (var y = 1; y < height - 1; y++)
        {
            var row = y * width;
            for (var x = 1; x < width - 1; x++)
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
}
