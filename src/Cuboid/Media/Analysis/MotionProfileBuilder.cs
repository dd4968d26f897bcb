namespace Cuboid.Media.Analysis;

/// <summary>Folds per-frame statistics and cuboid slabs into fixed time buckets and whole-video totals.</summary>
internal sealed class MotionProfileBuilder(double bucketSeconds, double darkThreshold)
{
    private readonly List<MotionProfilePoint> _points = [];
    private double _bucket = double.NaN;
    private int _frames;
    private double _luma;
    private double _motion;
    private double _active;
    private int _slabs;

    private double _totalLuma;
    private double _totalMotion;
    private float _maxMotion;
    private double _totalActive;
    private long _totalSlabs;
    private long _frameCount;
    private long _dark;

    public void OnFrame(FrameStats stats)
    {
        var bucket = Math.Floor(stats.Time / bucketSeconds);
        if (bucket != _bucket)
        {
            Flush();
            _bucket = bucket;
        }

        _frames++;
        _luma += stats.MeanLuma;
        _motion += stats.Motion;
        _totalLuma += stats.MeanLuma;
        _totalMotion += stats.Motion;
        _maxMotion = Math.Max(_maxMotion, stats.Motion);
        _frameCount++;
        if (stats.MeanLuma < darkThreshold)
        {
            _dark++;
        }
    }

    public void OnSlab(CuboidEnergy slab)
    {
        _active += slab.ActiveFraction;
        _slabs++;
        _totalActive += slab.ActiveFraction;
        _totalSlabs++;
    }

    public (IReadOnlyList<MotionProfilePoint> Profile, AnalysisSummary Summary) Build()
    {
        Flush();
        var frames = Math.Max(1, _frameCount);
        var summary = new AnalysisSummary(
            (float)(_totalLuma / frames),
            (float)(_totalMotion / frames),
            _maxMotion,
            _totalSlabs > 0 ? (float)(_totalActive / _totalSlabs) : 0,
            _dark);
        return (_points, summary);
    }

    private void Flush()
    {
        if (_frames == 0)
        {
            return;
        }

        _points.Add(new MotionProfilePoint(
            Math.Round(_bucket * bucketSeconds, 6),
            _frames,
            (float)(_luma / _frames),
            (float)(_motion / _frames),
            _slabs > 0 ? (float)(_active / _slabs) : 0));
        _frames = 0;
        _luma = _motion = _active = 0;
        _slabs = 0;
    }
}
