namespace Cuboid.Generation.LongForm;

/// <summary>Running sums of one segment while the pass is in it; turned into a <see cref="SegmentDrift"/> at the end.</summary>
internal sealed class SegmentTotals
{
    private readonly double[] _lagSums;
    private readonly long[] _lagCounts;
    private double _l, _a, _b, _luma, _contrast, _saturation, _sharpness, _ssimAnchor, _ssimPrevious, _difference;
    private long _differences;
    private double _motion;
    private long _slabs;

    public SegmentTotals(int lags)
    {
        _lagSums = new double[lags];
        _lagCounts = new long[lags];
    }

    public long Frames { get; private set; }

    public double Start { get; private set; }

    public double End { get; private set; }

    public HueSaturationHistogram Histogram { get; } = new();

    /// <summary>The previous segment's last frame, the reference of the "vs previous" metrics (null for the first).</summary>
    public (LabColor Lab, HueSaturationHistogram Histogram)? Previous { get; set; }

    /// <summary>Frames whose look was measured (every stride-th frame of the segment, from its first).</summary>
    public long Measured { get; private set; }

    public void AddFrame(double time)
    {
        if (Frames == 0)
        {
            Start = time;
        }

        End = time;
        Frames++;
    }

    public void AddLook(FrameLook look, double ssimAnchor, double? ssimPrevious)
    {
        Measured++;
        _l += look.Lab.L;
        _a += look.Lab.A;
        _b += look.Lab.B;
        _luma += look.LumaMean;
        _contrast += look.Contrast;
        _saturation += look.Saturation;
        _sharpness += look.Sharpness;
        _ssimAnchor += ssimAnchor;
        _ssimPrevious += ssimPrevious ?? 0;
    }

    /// <summary>Mean |Δluma| to the frame before, inside the segment.</summary>
    public void AddDifference(double difference)
    {
        _difference += difference;
        _differences++;
    }

    public void AddLag(int lag, double similarity)
    {
        _lagSums[lag] += similarity;
        _lagCounts[lag]++;
    }

    public void AddMotion(double activeFraction)
    {
        _motion += activeFraction;
        _slabs++;
    }

    public SegmentDrift ToDrift(int index, LabColor anchorLab, HueSaturationHistogram anchorHistogram)
    {
        var n = (double)Measured;
        var lab = new LabColor(_l / n, _a / n, _b / n);
        var previous = Previous;
        return new SegmentDrift(
            index,
            Start,
            End,
            Frames,
            lab.DeltaE(anchorLab),
            previous is { } p ? lab.DeltaE(p.Lab) : null,
            Histogram.DistanceTo(anchorHistogram),
            previous is { } q ? Histogram.DistanceTo(q.Histogram) : null,
            _ssimAnchor / n,
            previous is null ? null : _ssimPrevious / n,
            _luma / n,
            _contrast / n,
            _saturation / n,
            _sharpness / n,
            (255 - (_differences > 0 ? _difference / _differences : 0)) / 255,
            _slabs > 0 ? _motion / _slabs : null,
            [.. _lagSums.Select((sum, i) => _lagCounts[i] > 0 ? sum / _lagCounts[i] : (double?)null)]);
    }
}
