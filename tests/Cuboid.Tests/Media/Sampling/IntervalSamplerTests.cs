using Cuboid.Media.Sampling;

namespace Cuboid.Tests.Media.Sampling;

public class IntervalSamplerTests
{
    [Fact]
    public void Takes_the_first_frame_and_the_first_frame_at_or_after_each_multiple()
    {
        var sampler = new IntervalSampler(TimeSpan.FromSeconds(5));
        var times = Enumerable.Range(0, 400).Select(i => 0.04 * i).ToList(); // 25 fps, 16 s

        var taken = times.Select(t => (t, reason: sampler.Take(t))).Where(x => x.reason is not null).ToList();

        Assert.Equal([0.0, 5.0, 10.0, 15.0], taken.Select(x => Math.Round(x.t, 6)));
        Assert.Equal(SampleReason.FirstFrame, taken[0].reason);
        Assert.All(taken.Skip(1), x => Assert.Equal(SampleReason.Interval, x.reason));
    }

    [Fact]
    public void A_gap_spanning_several_intervals_yields_one_frame_not_copies()
    {
        var sampler = new IntervalSampler(TimeSpan.FromSeconds(1));

        var taken = new[] { 0.0, 0.5, 3.7, 3.9, 4.1 }.Where(t => sampler.Take(t) is not null).ToList();

        Assert.Equal([0.0, 3.7, 4.1], taken);
    }

    [Fact]
    public void A_video_starting_late_still_gets_its_first_frame()
    {
        var sampler = new IntervalSampler(TimeSpan.FromSeconds(5));

        Assert.Equal(SampleReason.FirstFrame, sampler.Take(2.3));
        Assert.Null(sampler.Take(4.9));
        Assert.Equal(SampleReason.Interval, sampler.Take(5.0));
    }

    [Fact]
    public void The_ffmpeg_expression_states_the_same_rule()
    {
        Assert.Equal("isnan(prev_t)+gt(floor(t/2.5),floor(prev_t/2.5))", new IntervalSampler(TimeSpan.FromSeconds(2.5)).SelectExpression);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void A_non_positive_interval_is_a_usage_error(double seconds)
    {
        var error = Assert.Throws<CuboidException>(() => new IntervalSampler(TimeSpan.FromSeconds(seconds)));
        Assert.Equal(ErrorKind.Usage, error.Kind);
    }
}
