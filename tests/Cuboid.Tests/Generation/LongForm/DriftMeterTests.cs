using Cuboid.Generation.LongForm;
using Cuboid.Media.Analysis;

namespace Cuboid.Tests.Generation.LongForm;

/// <summary>The drift meter as a frame consumer: its per-frame cost stays allocation-free between joins.</summary>
public class DriftMeterTests
{
    [Fact]
    public void Frames_between_joins_allocate_nothing()
    {
        const int width = 256, height = 144;
        var frame = new AnalysisFrame(width, height);
        var meter = new DriftMeter([100.0], anchor: null);
        var random = new Random(3);
        var pixels = new byte[frame.RgbByteCount];
        for (var i = 0; i < 120; i++)
        {
            random.NextBytes(pixels);
            frame.Load(pixels, i, i / 25.0);
            if (i < 60)
            {
                meter.OnFrame(frame); // warm-up: buffers are made on the first frame, the JIT settles
                continue;
            }

            var before = GC.GetAllocatedBytesForCurrentThread();
            meter.OnFrame(frame);
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }
    }

    [Fact]
    public void A_strided_segment_is_averaged_on_the_middle_frame_of_each_run_of_four()
    {
        // Flat grey frames getting 4 levels brighter each: every frame averages 32, the middle frames (2, 6, 10) 34,
        // a sample from each run's first frame (0, 4, 8) would give 26.
        var segment = Measure(new DriftMeter([100.0], anchor: null, [4, 4]), frames: 12, k => 10 + (4 * k)).Segments[0];

        Assert.InRange(segment.LumaMean, 33.5, 34.5);
        Assert.Equal(12, segment.Frames);
    }

    [Fact]
    public void A_segment_shorter_than_its_stride_is_averaged_on_its_first_frame()
    {
        // The join after one frame: the first segment ends before its first middle frame.
        var strided = Measure(new DriftMeter([0.03], anchor: null, [4, 4]), frames: 12, k => 10 + (4 * k));
        var every = Measure(new DriftMeter([0.03], anchor: null), frames: 12, k => 10 + (4 * k));

        Assert.Equal(1, strided.Segments[0].Frames);
        var (a, b) = (every.Segments[0], strided.Segments[0]);
        Assert.Equal(
            (a.DeltaEAnchor, a.HistogramAnchor, a.SsimAnchor, a.LumaMean, a.Contrast, a.Saturation, a.Sharpness),
            (b.DeltaEAnchor, b.HistogramAnchor, b.SsimAnchor, b.LumaMean, b.Contrast, b.Saturation, b.Sharpness));
        Assert.Equal(a.LagSimilarity, b.LagSimilarity);
        Assert.Equal(every.Joins.Single().DeltaE, strided.Joins.Single().DeltaE);
        Assert.InRange(strided.Segments[1].LumaMean, 37.5, 38.5); // frames 1-11 of the video: middle frames 3, 7, 11
    }

    [Theory]
    [InlineData(8.0, 25.0, 4)] // the drift command's default 8 s segments: 200 frames, strided
    [InlineData(2.0, 25.0, 1)] // a 2 s segment (50 frames): every frame
    [InlineData(2.0, 12.0, 1)] // a generated 2 s shot at 12 fps (24 frames)
    [InlineData(4.0, 25.0, 4)] // exactly the minimum of 100 frames
    [InlineData(8.0, 0.0, 1)] // no known frame rate: every frame
    public void Segments_expected_to_have_fewer_than_100_frames_are_measured_on_every_frame(double seconds, double fps, int expected)
    {
        var strides = DriftMeter.SegmentStrides([seconds, 2 * seconds], 2.5 * seconds, fps, DriftMeter.DefaultStride, DriftMeter.DefaultMinimumStridedFrames);

        Assert.Equal(expected, strides[0]);
        Assert.Equal(expected, strides[1]);
        Assert.Equal(seconds / 2 * fps >= 100 ? 4 : 1, strides[2]); // the last segment is half as long
    }

    private static (IReadOnlyList<SegmentDrift> Segments, IReadOnlyList<JoinDrift> Joins) Measure(DriftMeter meter, int frames, Func<int, int> grey)
    {
        const int width = 64, height = 36;
        var frame = new AnalysisFrame(width, height);
        for (var k = 0; k < frames; k++)
        {
            var pixels = new byte[frame.RgbByteCount];
            Array.Fill(pixels, (byte)grey(k));
            frame.Load(pixels, k, k / 25.0);
            meter.OnFrame(frame);
        }

        meter.OnCompleted();
        var (segments, joins, _, _, _, _) = meter.Build();
        return (segments, joins);
    }
}
