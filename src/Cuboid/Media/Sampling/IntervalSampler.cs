using System.Globalization;

namespace Cuboid.Media.Sampling;

/// <summary>
/// Picks a frame every <see cref="Interval"/>: the first frame, then the first frame at or after each multiple of
/// the interval. A gap in the video (variable frame rate) that spans several multiples yields one frame, not copies.
/// The rule is "the frame's interval bucket, floor(t / N), is later than the previous frame's", computed in double
/// precision exactly as ffmpeg's <c>select</c> filter does, so <see cref="SelectExpression"/> picks the same frames
/// inside ffmpeg.
/// </summary>
public sealed class IntervalSampler
{
    private double _previousBucket = double.NaN;

    /// <summary>A sampler picking a frame every <paramref name="interval"/> (which must be positive).</summary>
    public IntervalSampler(TimeSpan interval)
    {
        if (interval <= TimeSpan.Zero)
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.Interval, $"sampling interval must be positive, got {interval.TotalSeconds}s");
        }

        Interval = interval;
        Seconds = interval.TotalSeconds;
    }

    /// <summary>The sampling period.</summary>
    public TimeSpan Interval { get; }

    private double Seconds { get; }

    /// <summary>An ffmpeg <c>select</c> expression true for exactly the frames <see cref="Take"/> picks.</summary>
    public string SelectExpression
    {
        get
        {
            var n = Seconds.ToString("R", CultureInfo.InvariantCulture);
            return $"isnan(prev_t)+gt(floor(t/{n}),floor(prev_t/{n}))";
        }
    }

    /// <summary>Sees the next frame's time; returns the reason to sample it, or null.</summary>
    public SampleReason? Take(double time)
    {
        var bucket = Math.Floor(time / Seconds);
        var previous = _previousBucket;
        _previousBucket = bucket;
        if (double.IsNaN(previous))
        {
            return SampleReason.FirstFrame;
        }

        return bucket > previous ? SampleReason.Interval : null;
    }
}
