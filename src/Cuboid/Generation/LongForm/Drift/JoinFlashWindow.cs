namespace Cuboid.Generation.LongForm;

/// <summary>
/// The join flash score (reference §10.3): with d_t the mean |Δluma| between consecutive frames, the largest d within
/// a few frames of the join over the median d of <see cref="Side"/> frames each side. Keeps a short ring of d and
/// luma, so a join is scored <see cref="FramesAfterJoin"/> frames after it without keeping the whole video.
/// </summary>
internal sealed class JoinFlashWindow
{
    /// <summary>Frames each side whose median difference is the yardstick.</summary>
    public const int Side = 12;

    /// <summary>Core: d of frames j − 2 … j + 3 (j is the first frame after the join), so a flash of up to three
    /// frames just before or after the join is inside it.</summary>
    private const int CoreBefore = 2;
    private const int CoreAfter = 3;

    /// <summary>A median below one luma level (a still picture) is taken as one, so noise does not look like a flash.</summary>
    private const double MedianFloor = 1.0;

    private const int RingLength = 64;

    private readonly float[] _differences = new float[RingLength];
    private readonly float[] _lumas = new float[RingLength];
    private readonly double[] _scratch = new double[2 * Side];
    private long _latest = -1;

    /// <summary>How many frames after the join's first frame the score is final.</summary>
    public static int FramesAfterJoin => CoreAfter + Side;

    public void Add(long index, double difference, double luma)
    {
        _latest = index;
        _differences[index % RingLength] = (float)difference;
        _lumas[index % RingLength] = (float)luma;
    }

    /// <summary>Flash score, luma step (both over the median difference) and the largest difference in the core (luma
    /// levels) of the join whose first frame is <paramref name="join"/>, from the frames still in the ring.</summary>
    public (double Flash, double LumaStep, double Peak) Score(long join)
    {
        var oldest = Math.Max(1, _latest - RingLength + 1);
        var count = 0;
        for (var i = join - CoreBefore - Side; i < join - CoreBefore; i++)
        {
            if (i >= oldest && i <= _latest)
            {
                _scratch[count++] = _differences[i % RingLength];
            }
        }

        for (var i = join + CoreAfter + 1; i <= join + CoreAfter + Side; i++)
        {
            if (i >= oldest && i <= _latest)
            {
                _scratch[count++] = _differences[i % RingLength];
            }
        }

        double core = 0;
        for (var i = join - CoreBefore; i <= join + CoreAfter; i++)
        {
            if (i >= oldest && i <= _latest)
            {
                core = Math.Max(core, _differences[i % RingLength]);
            }
        }

        var median = Math.Max(MedianFloor, Median(_scratch.AsSpan(0, count)));
        var step = join - 1 >= oldest && join <= _latest ? Math.Abs(_lumas[join % RingLength] - _lumas[(join - 1) % RingLength]) : 0;
        return (core / median, step / median, core);
    }

    private static double Median(Span<double> values)
    {
        if (values.Length == 0)
        {
            return 0;
        }

        values.Sort();
        var mid = values.Length / 2;
        return values.Length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}
