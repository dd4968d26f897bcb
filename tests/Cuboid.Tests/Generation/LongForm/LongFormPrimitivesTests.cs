using Cuboid.Generation.LongForm;

namespace Cuboid.Tests.Generation.LongForm;

/// <summary>Gates and the Reinhard transfer, on pictures made in memory.</summary>
public sealed class LongFormPrimitivesTests
{
    // A smooth two-way gradient with some colour in it.
    private static DriftPicture Gradient(int shiftRed = 0, int shiftBlue = 0, double contrast = 1)
    {
        const int width = 64, height = 36;
        var (r, g, b) = (new byte[width * height], new byte[width * height], new byte[width * height]);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = (y * width) + x;
                byte Level(double v) => (byte)Math.Clamp((int)Math.Round(((v - 120) * contrast) + 120), 0, 255);
                r[i] = Level(80 + x + shiftRed);
                g[i] = Level(70 + (2 * y));
                b[i] = Level(110 + (x / 2) - y + shiftBlue);
            }
        }

        return new DriftPicture(width, height, r, g, b);
    }

    private static LabColor Mean(DriftPicture p) => PictureFile.MeanLab(p);

    [Fact]
    public void Reinhard_transfer_brings_a_drifted_frame_back_to_the_anchors_colour_and_contrast()
    {
        var anchor = Gradient();
        var drifted = Gradient(shiftRed: 30, shiftBlue: -30, contrast: 1.3);

        var matched = ReinhardTransfer.Match(drifted, anchor);

        Assert.True(Mean(drifted).DeltaE(Mean(anchor)) > 10);
        Assert.True(Mean(matched).DeltaE(Mean(anchor)) < 1, $"ΔE after matching: {Mean(matched).DeltaE(Mean(anchor)):0.00}");
    }

    [Fact]
    public void Reinhard_transfer_as_a_cube_lut_has_17_cubed_entries()
    {
        var path = Path.GetTempFileName();
        try
        {
            ReinhardTransfer.WriteCube(Gradient(shiftRed: 20), Gradient(), path);
            var lines = File.ReadAllLines(path);
            Assert.Equal("LUT_3D_SIZE 17", lines[0]);
            Assert.Equal((17 * 17 * 17) + 1, lines.Length);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Lab_to_srgb_inverts_srgb_to_lab()
    {
        foreach (var (r, g, b) in new (byte, byte, byte)[] { (0, 0, 0), (255, 255, 255), (200, 30, 90), (12, 180, 240), (128, 128, 128) })
        {
            var back = LabConverter.ToSrgb(LabConverter.ToLab(r, g, b));
            Assert.InRange(Math.Abs(back.Red - r) + Math.Abs(back.Green - g) + Math.Abs(back.Blue - b), 0, 3);
        }
    }

    [Theory]
    [InlineData("deltaE=6", 6.0, 10.0)]
    [InlineData("join=4", 8.0, 4.0)]
    [InlineData("deltaE=off,join=3", null, 3.0)]
    [InlineData("off", null, null)]
    public void Gates_parse_each_part_over_the_defaults(string text, double? deltaE, double? join)
    {
        Assert.Equal(new DriftGates(deltaE, join), DriftGates.Parse(text));
    }

    [Theory]
    [InlineData("deltaE=-1")]
    [InlineData("colour=5")]
    [InlineData("deltaE")]
    public void A_bad_gate_is_a_usage_error(string text) =>
        Assert.Equal(ErrorKind.Usage, Assert.Throws<CuboidException>(() => DriftGates.Parse(text)).Kind);

    [Fact]
    public void A_segment_trips_the_gates_it_is_over()
    {
        var gates = new DriftGates(5, 8);

        Assert.Empty(gates.Tripped(4, 7));
        Assert.Equal(["deltaE", "join"], gates.Tripped(6, 9).Select(t => t.Gate));
        Assert.Empty(DriftGates.Off.Tripped(100, 100));
    }
}
