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
    private SegmentTotals? _firstFrame;

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

    /// <summary>Frames whose look was measured (the middle frame of each stride of the segment).</summary>
    public long Measured { get; private set; }

    /// <summary>The segment's first frame measured on its own: the averages if no middle frame was measured (a segment
    /// that came out shorter than its stride).</summary>
    public SegmentTotals FirstFrame => _firstFrame ??= new SegmentTotals(_lagSums.Length);

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
        var looks = Measured == 0 && _firstFrame is { Measured: > 0 } first ? first : this;
        var n = (double)looks.Measured;
        var lab = new LabColor(looks._l / n, looks._a / n, looks._b / n);
        var previous = Previous;
        return new SegmentDrift(
            index,
            Start,
            End,
            Frames,
            lab.DeltaE(anchorLab),
            previous is { } p ? lab.DeltaE(p.Lab) : null,
            looks.Histogram.DistanceTo(anchorHistogram),
            previous is { } q ? looks.Histogram.DistanceTo(q.Histogram) : null,
            looks._ssimAnchor / n,
            previous is null ? null : looks._ssimPrevious / n,
            looks._luma / n,
            looks._contrast / n,
            looks._saturation / n,
            looks._sharpness / n,
            (255 - (_differences > 0 ? _difference / _differences : 0)) / 255,
            _slabs > 0 ? _motion / _slabs : null,
            [.. looks._lagSums.Select((sum, i) => looks._lagCounts[i] > 0 ? sum / looks._lagCounts[i] : (double?)null)]);
    }
}
