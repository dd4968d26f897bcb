namespace Cuboid.Generation.LongForm;

/// <summary>
/// Mean L*a*b* colour of an sRGB picture. Lab is not linear in RGB, so the mean has to be taken per pixel; two lookup
/// tables (sRGB to linear light, and the cube-root companding of XYZ) keep that to a few multiplications a pixel.
/// </summary>
internal static class LabConverter
{
    private const int CompandSteps = 4096;

    // Reference white D65.
    private const float WhiteX = 0.95047f;
    private const float WhiteZ = 1.08883f;

    private static readonly float[] Linear = BuildLinear();
    private static readonly float[] Compand = BuildCompand();

    /// <summary>The mean Lab colour of planar 8-bit sRGB, over every <paramref name="step"/>-th pixel (a mean colour
    /// needs no more than a regular sample, and the drift pass runs this on every frame).</summary>
    public static LabColor Mean(ReadOnlySpan<byte> red, ReadOnlySpan<byte> green, ReadOnlySpan<byte> blue, int step = 1)
    {
        var linear = Linear;
        var compand = Compand;
        double sumL = 0, sumA = 0, sumB = 0;
        var count = 0;
        for (var i = 0; i < red.Length; i += step, count++)
        {
            var r = linear[red[i]];
            var g = linear[green[i]];
            var b = linear[blue[i]];
            var fx = compand[Step(((0.4124564f * r) + (0.3575761f * g) + (0.1804375f * b)) / WhiteX)];
            var fy = compand[Step((0.2126729f * r) + (0.7151522f * g) + (0.0721750f * b))];
            var fz = compand[Step(((0.0193339f * r) + (0.1191920f * g) + (0.9503041f * b)) / WhiteZ)];
            sumL += (116 * fy) - 16;
            sumA += 500 * (fx - fy);
            sumB += 200 * (fy - fz);
        }

        var n = Math.Max(1, count);
        return new LabColor(sumL / n, sumA / n, sumB / n);
    }

    /// <summary>One sRGB pixel in Lab.</summary>
    public static LabColor ToLab(byte red, byte green, byte blue)
    {
        var r = Linear[red];
        var g = Linear[green];
        var b = Linear[blue];
        var fx = Compand[Step(((0.4124564f * r) + (0.3575761f * g) + (0.1804375f * b)) / WhiteX)];
        var fy = Compand[Step((0.2126729f * r) + (0.7151522f * g) + (0.0721750f * b))];
        var fz = Compand[Step(((0.0193339f * r) + (0.1191920f * g) + (0.9503041f * b)) / WhiteZ)];
        return new LabColor((116 * fy) - 16, 500 * (fx - fy), 200 * (fy - fz));
    }

    /// <summary>A Lab colour back to 8-bit sRGB, clipped to the gamut.</summary>
    public static (byte Red, byte Green, byte Blue) ToSrgb(LabColor lab)
    {
        var fy = (lab.L + 16) / 116;
        var fx = fy + (lab.A / 500);
        var fz = fy - (lab.B / 200);
        var x = WhiteX * Uncompand(fx);
        var y = Uncompand(fy);
        var z = WhiteZ * Uncompand(fz);
        return (
            Encode((3.2404542 * x) - (1.5371385 * y) - (0.4985314 * z)),
            Encode((-0.9692660 * x) + (1.8760108 * y) + (0.0415560 * z)),
            Encode((0.0556434 * x) - (0.2040259 * y) + (1.0572252 * z)));
    }

    private static double Uncompand(double f) => f * f * f > 0.008856 ? f * f * f : (f - (16.0 / 116)) / 7.787;

    private static byte Encode(double linear)
    {
        var c = linear <= 0.0031308 ? 12.92 * linear : (1.055 * Math.Pow(Math.Max(0, linear), 1 / 2.4)) - 0.055;
        return (byte)Math.Clamp((int)Math.Round(c * 255), 0, 255);
    }

    private static int Step(float t) => Math.Clamp((int)((t * (CompandSteps - 1)) + 0.5f), 0, CompandSteps - 1);

    private static float[] BuildLinear()
    {
        var table = new float[256];
        for (var v = 0; v < 256; v++)
        {
            var c = v / 255.0;
            table[v] = (float)(c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4));
        }

        return table;
    }

    private static float[] BuildCompand()
    {
        var table = new float[CompandSteps];
        for (var i = 0; i < CompandSteps; i++)
        {
            var t = i / (double)(CompandSteps - 1);
            table[i] = (float)(t > 0.008856 ? Math.Cbrt(t) : (7.787 * t) + (16.0 / 116));
        }

        return table;
    }
}
