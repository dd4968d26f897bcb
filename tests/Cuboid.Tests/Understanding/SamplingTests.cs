using Cuboid.Understanding;
using Cuboid.Understanding.Reports;

namespace Cuboid.Tests.Understanding;

public class SamplingTests
{
    [Fact]
    public void Dhash_is_stable_for_the_same_picture_and_far_for_a_different_one()
    {
        var gradient = Picture((x, y) => (byte)(x * 4));
        var brighter = Picture((x, y) => (byte)Math.Min(255, x * 4 + 10));
        var checker = Picture((x, y) => (byte)((x / 8 + y / 8) % 2 == 0 ? 20 : 230));

        var a = PerceptualHash.Difference(gradient, 64, 36);

        Assert.Equal(0, PerceptualHash.Distance(a, PerceptualHash.Difference(brighter, 64, 36)));
        Assert.True(PerceptualHash.Distance(a, PerceptualHash.Difference(checker, 64, 36)) > 16);
    }

    [Fact]
    public void Near_duplicates_of_the_last_kept_sample_are_skipped_but_cuts_and_changes_are_kept()
    {
        var filter = new NearDuplicateFilter(maxMotionEnergy: 2, maxHashDistance: 4);
        PlannedFrame[] frames =
        [
            new(0, SampleReasons.First, "a", 0, 0b1111),
            new(5, SampleReasons.Interval, "b", 0.5, 0b1110),   // same slide: skip
            new(10, SampleReasons.Interval, "c", 0.5, 0b1111),  // still the same: skip (motion since kept 1.0)
            new(15, SampleReasons.Interval, "d", 1.5, 0b1111),  // motion since kept 2.5 > 2: keep
            new(16, SampleReasons.Cut, "e", 0, 0b1111),         // cuts are always kept
            new(20, SampleReasons.Interval, "f", 0, ulong.MaxValue), // different picture: keep
            new(25, SampleReasons.Interval, "g", 0, null),       // no hash: keep
        ];

        var kept = frames.Where(filter.Keep).Select(f => f.FramePath);

        Assert.Equal(["a", "d", "e", "f", "g"], kept);
        Assert.Equal(2, filter.Skipped);
    }

    [Fact]
    public void Max_frames_keeps_cuts_first_and_spreads_the_rest_evenly()
    {
        var frames = Enumerable.Range(0, 21).Select(i => new PlannedFrame(i * 5, i == 0 ? SampleReasons.First : SampleReasons.Interval, $"i{i}"))
            .Append(new PlannedFrame(33, SampleReasons.Cut, "c1")).Append(new PlannedFrame(71, SampleReasons.Cut, "c2"))
            .OrderBy(f => f.Time).ToList();

        var chosen = MaxFramesSelector.Select(frames, 5);

        Assert.Equal(["i0", "c1", "i10", "c2", "i20"], chosen.Select(f => f.FramePath));
        Assert.Equal(["c1"], MaxFramesSelector.Select(frames, 1).Select(f => f.FramePath));
        Assert.Same(frames, MaxFramesSelector.Select(frames, 100));
    }

    private static byte[] Picture(Func<int, int, byte> pixel)
    {
        var bytes = new byte[64 * 36];
        for (var y = 0; y < 36; y++)
        {
            for (var x = 0; x < 64; x++)
            {
                bytes[y * 64 + x] = pixel(x, y);
            }
        }

        return bytes;
    }
}
