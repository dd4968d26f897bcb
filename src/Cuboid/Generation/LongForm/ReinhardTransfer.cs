namespace Cuboid.Generation.LongForm;

/// <summary>
/// Reinhard et al.'s colour transfer in L*a*b*: each channel of the source is shifted and scaled so its mean and
/// standard deviation equal the reference's. Matching a drifted frame to the anchor undoes a colour shift, an exposure
/// drift and a contrast creep in one step, without touching the picture's content.
/// </summary>
internal static class ReinhardTransfer
{
    public static DriftPicture Match(DriftPicture source, DriftPicture reference)
    {
        var from = Statistics(source);
        var to = Statistics(reference);
        var count = source.Width * source.Height;
        var red = new byte[count];
        var green = new byte[count];
        var blue = new byte[count];
        for (var i = 0; i < count; i++)
        {
            var lab = LabConverter.ToLab(source.Red[i], source.Green[i], source.Blue[i]);
            var l = Map(lab.L, from, to, 0);
            var a = Map(lab.A, from, to, 1);
            var b = Map(lab.B, from, to, 2);
            (red[i], green[i], blue[i]) = LabConverter.ToSrgb(new LabColor(l, a, b));
        }

        return new DriftPicture(source.Width, source.Height, red, green, blue);
    }

    /// <summary>
    /// The same transfer as a 17³ <c>.cube</c> 3D LUT, for ffmpeg's <c>lut3d</c> filter: how the joiner matches a whole
    /// segment to the anchor in its one encode, from the statistics of one frame of it.
    /// </summary>
    public static void WriteCube(DriftPicture source, DriftPicture reference, string path)
    {
        const int size = 17;
        var from = Statistics(source);
        var to = Statistics(reference);
        var lines = new List<string> { "LUT_3D_SIZE 17" };
        for (var b = 0; b < size; b++)
        {
            for (var g = 0; g < size; g++)
            {
                for (var r = 0; r < size; r++)
                {
                    static byte Level(int step) => (byte)Math.Round(step * 255.0 / (size - 1));
                    var lab = LabConverter.ToLab(Level(r), Level(g), Level(b));
                    var (red, green, blue) = LabConverter.ToSrgb(new LabColor(Map(lab.L, from, to, 0), Map(lab.A, from, to, 1), Map(lab.B, from, to, 2)));
                    lines.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{red / 255.0:0.######} {green / 255.0:0.######} {blue / 255.0:0.######}"));
                }
            }
        }

        File.WriteAllLines(path, lines);
    }

    // A flat channel (standard deviation ~0) is only shifted: scaling it would blow noise up.
    private static double Map(double value, (double[] Mean, double[] Std) from, (double[] Mean, double[] Std) to, int channel) =>
        ((value - from.Mean[channel]) * (from.Std[channel] > 1e-3 ? to.Std[channel] / from.Std[channel] : 1)) + to.Mean[channel];

    private static (double[] Mean, double[] Std) Statistics(DriftPicture picture)
    {
        var count = picture.Width * picture.Height;
        var sum = new double[3];
        var squares = new double[3];
        for (var i = 0; i < count; i++)
        {
            var lab = LabConverter.ToLab(picture.Red[i], picture.Green[i], picture.Blue[i]);
            sum[0] += lab.L;
            sum[1] += lab.A;
            sum[2] += lab.B;
            squares[0] += lab.L * lab.L;
            squares[1] += lab.A * lab.A;
            squares[2] += lab.B * lab.B;
        }

        var mean = sum.Select(s => s / count).ToArray();
        var std = squares.Select((s, c) => Math.Sqrt(Math.Max(0, (s / count) - (mean[c] * mean[c])))).ToArray();
        return (mean, std);
    }
}
