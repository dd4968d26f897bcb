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
}
