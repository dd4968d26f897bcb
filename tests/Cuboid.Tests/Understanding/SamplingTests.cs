using Cuboid.Understanding;
using Cuboid.Understanding.Reports;

namespace Cuboid.Tests.Understanding;

public class SamplingTests
{
    [Fact]
    public void Near_duplicates_of_the_last_kept_sample_are_skipped_but_cuts_and_changes_are_kept()
    {
        var filter = new NearDuplicateFilter(maxMotion: 0.02, maxHashDistance: 4);
        PlannedFrame[] frames =
        [
            new(0, SampleReasons.First, "a", 0, 0b1111),
            new(5, SampleReasons.Interval, "b", 0.01, 0b1110),   // same slide: skip
            new(10, SampleReasons.Interval, "c", 0.015, 0b1111), // still the same: skip
            new(15, SampleReasons.Interval, "d", 0.3, 0b1111),   // something moved since the kept sample: keep
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

    [Fact]
    public void A_tick_that_is_also_a_cut_is_reported_as_a_cut_in_the_plan_and_in_the_report()
    {
        var pass = new PassOutcome { CutSampleTimes = new HashSet<double> { 65 } };

        Assert.Equal(SampleReasons.Cut, pass.Relabel(new PlannedFrame(65, SampleReasons.Interval, "a")).Reason);
        Assert.Equal(SampleReasons.Interval, pass.Relabel(new PlannedFrame(70, SampleReasons.Interval, "b")).Reason);
        Assert.Equal(SampleReasons.First, pass.Relabel(new PlannedFrame(65, SampleReasons.First, "c")).Reason);
        Assert.Equal(SampleReasons.Cut, pass.Relabel(new ReportSample(65, SampleReasons.Interval, "frames/a.jpg")).Reason);
    }
}
