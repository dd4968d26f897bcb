using Cuboid.Media.Analysis;

namespace Cuboid.Generation.LongForm;

/// <summary>
/// The drift metrics as one more consumer of the analysis pass's single decode: per frame it measures colour,
/// exposure, contrast, saturation, sharpness, a hue-saturation histogram and a 64 px luma thumbnail (for SSIM against
/// the anchor, the previous segment and the frames 2-50 before), adds them to the current segment, scores each join
/// for a flash, scans for letterbox bars and takes the pass's cuboid motion slabs (<see cref="OnSlab"/>). All buffers are
/// made when the first frame arrives; nothing is allocated per frame except at a join.
/// </summary>
internal sealed class DriftMeter : IFrameConsumer
{
    private readonly double[] _joinTimes;
    private readonly IReadOnlyList<int> _lags;
    private readonly SegmentTotals?[] _segments;
    private readonly JoinFlashWindow _flash = new();
    private readonly List<JoinDrift> _joins = [];
    private readonly List<JoinPictures> _joinPictures = [];
    private readonly List<(int Join, long Frame)> _pendingFlashes = [];
    private readonly double[] _videoLagSums;
    private readonly long[] _videoLagCounts;
    private readonly int[] _strides;

    private DriftPicture? _anchorPicture;
    private FrameLook _anchorLook;
    private HueSaturationHistogram _anchorHistogram = new();
    private LumaThumbnail? _anchorThumbnail;
    private LumaThumbnail? _previousSegmentThumbnail;
    private LumaThumbnail[] _thumbnails = [];
    private HueSaturationHistogram _frameHistogram = new();
    private HueSaturationHistogram _previousFrameHistogram = new();
    private FrameLook _previousLook;
    private bool _previousMeasured;
    private byte[] _previousRgb = [];
    private LetterboxScanner? _letterbox;
    private int _segment = -1;
    private long _frames;
    private int _width;
    private int _height;

    /// <param name="joinTimes">Times (s) where a new segment starts, increasing.</param>
    /// <param name="anchor">The anchor image at the analysis size, or null for the first frame.</param>
    /// <param name="segmentStrides">Per segment (one more than the joins), the averages are taken on the middle frame of
    /// each run of this many frames (see <see cref="SegmentStrides"/>); null: every frame of every segment.</param>
    public DriftMeter(IReadOnlyList<double> joinTimes, AnalysisFrame? anchor, IReadOnlyList<int>? segmentStrides = null)
    {
        _joinTimes = [.. joinTimes];
        _strides = segmentStrides is null ? [.. Enumerable.Repeat(1, _joinTimes.Length + 1)] : [.. segmentStrides];
        ArgumentOutOfRangeException.ThrowIfNotEqual(_strides.Length, _joinTimes.Length + 1, nameof(segmentStrides));
        foreach (var stride in _strides)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(stride, 1, nameof(segmentStrides));
        }

        _lags = MultiLagSimilarity.DefaultLags;
        _segments = new SegmentTotals?[_joinTimes.Length + 1];
        _videoLagSums = new double[_lags.Count];
        _videoLagCounts = new long[_lags.Count];
        if (anchor is not null)
        {
            SetAnchor(anchor);
        }
    }

    /// <summary>The middle frame of every four: segment values stay within the tolerance docs/PERFORMANCE.md measured.</summary>
    public const int DefaultStride = 4;

    /// <summary>A segment expected to have fewer frames than this is measured on every frame: a short segment (a test
    /// clip, a generated 2 s shot) keeps its exact averages, and a strided sample always has 25 frames or more.</summary>
    public const int DefaultMinimumStridedFrames = 100;

    /// <summary>The stride of each segment (one more than the joins): <paramref name="stride"/> for a segment expected to
    /// have at least <paramref name="minimumStridedFrames"/> frames (its length times the frame rate), 1 for a shorter one.</summary>
    public static int[] SegmentStrides(IReadOnlyList<double> joinTimes, double duration, double framesPerSecond, int stride, int minimumStridedFrames)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, 1);
        var strides = new int[joinTimes.Count + 1];
        for (var i = 0; i < strides.Length; i++)
        {
            var start = i == 0 ? 0 : joinTimes[i - 1];
            var end = i < joinTimes.Count ? joinTimes[i] : duration;
            strides[i] = (end - start) * framesPerSecond >= minimumStridedFrames ? stride : 1;
        }

        return strides;
    }

    public long Frames => _frames;

    public void OnFrame(AnalysisFrame frame)
    {
        if (_thumbnails.Length == 0)
        {
            Allocate(frame);
        }

        var index = frame.Index;
        var planes = frame.Planes;
        var thumbnail = _thumbnails[index % _thumbnails.Length];
        thumbnail.Fill(planes.LumaPlane, frame.Width);
        if (_anchorThumbnail is null)
        {
            SetAnchor(frame);
        }

        var segmentIndex = SegmentIndexAt(frame.Time);
        var segment = _segments[segmentIndex] ??= new SegmentTotals(_lags.Count);
        var firstOfSegment = segmentIndex != _segment;
        // The per-segment averages are taken on the middle frame of each run of `stride` frames (frames 2, 6, 10, ...
        // of a segment at 4): a sample from a run's first frame over-weights the segment's first frame, in a chain the
        // start frame itself. Stride 1 is every frame.
        var stride = _strides[segmentIndex];
        var measured = segment.Frames % stride == stride / 2;
        // The first frame is always looked at: the join needs its colour and histogram, and it stands in for the
        // segment's averages if the segment ends before its first middle frame (it came out shorter than expected).
        var looked = measured || segment.Frames == 0;
        var look = looked ? FrameLookMeter.Measure(frame) : default;
        var lumaMean = looked ? look.LumaMean : PlaneMath.Sum(planes.LumaPlane) / (double)frame.PixelCount;
        if (looked)
        {
            _frameHistogram.Clear();
            _frameHistogram.AddPixels(planes.HuePlane, planes.SaturationPlane);
        }

        if (firstOfSegment && _frames > 0)
        {
            StartSegmentAfterJoin(segment, frame, look, thumbnail);
        }

        _segment = segmentIndex;
        segment.AddFrame(frame.Time);
        if (looked)
        {
            var totals = measured ? segment : segment.FirstFrame;
            totals.Histogram.Add(_frameHistogram);
            totals.AddLook(look, thumbnail.Ssim(_anchorThumbnail!), _previousSegmentThumbnail is { } p ? thumbnail.Ssim(p) : null);
            AddLags(totals, index, thumbnail, video: measured);
        }

        // Flicker and the flash score need every frame: their differences are between neighbours.
        if (index > 0 && !firstOfSegment)
        {
            segment.AddDifference(frame.Stats.Motion);
        }

        _letterbox!.OnFrame(planes.ValuePlane, lumaMean);
        _flash.Add(index, frame.Stats.Motion, lumaMean);
        ScoreFlashes(index, final: false);

        _previousMeasured = looked;
        if (looked)
        {
            _previousLook = look;
            (_previousFrameHistogram, _frameHistogram) = (_frameHistogram, _previousFrameHistogram);
        }

        frame.Red.CopyTo(_previousRgb);
        frame.Green.CopyTo(_previousRgb.AsSpan(frame.PixelCount));
        frame.Blue.CopyTo(_previousRgb.AsSpan(2 * frame.PixelCount));
        _frames++;
    }

    // The multi-lag curve on the measured frames, each against the frames exactly 2-50 before it (all thumbnails kept);
    // a stand-in first frame counts for its segment only.
    private void AddLags(SegmentTotals segment, long index, LumaThumbnail thumbnail, bool video)
    {
        for (var lag = 0; lag < _lags.Count; lag++)
        {
            if (index >= _lags[lag])
            {
                var similarity = thumbnail.Ssim(_thumbnails[(index - _lags[lag]) % _thumbnails.Length]);
                segment.AddLag(lag, similarity);
                if (video)
                {
                    _videoLagSums[lag] += similarity;
                    _videoLagCounts[lag]++;
                }
            }
        }
    }

    /// <summary>One slab of the pass's <see cref="MotionEnergyMeter"/> (its frames were all seen by <see cref="OnFrame"/>).</summary>
    public void OnSlab(CuboidEnergy slab) => SegmentAt(slab.StartTime)?.AddMotion(slab.ActiveFraction);

    public void OnCompleted()
    {
        ScoreFlashes(long.MaxValue, final: true);
    }

    /// <summary>The metrics, once the pass has ended. Segments without frames (two joins closer than a frame) are left out.</summary>
    public (IReadOnlyList<SegmentDrift> Segments, IReadOnlyList<JoinDrift> Joins, IReadOnlyList<JoinPictures> Pictures, MultiLagSimilarity MultiLag, DriftPicture Anchor, FrameLook AnchorLook)
        Build()
    {
        var segments = new List<SegmentDrift>();
        foreach (var totals in _segments)
        {
            if (totals is { Frames: > 0 })
            {
                segments.Add(totals.ToDrift(segments.Count, _anchorLook.Lab, _anchorHistogram));
            }
        }

        var similarity = _videoLagSums.Select((sum, i) => _videoLagCounts[i] > 0 ? sum / _videoLagCounts[i] : (double?)null).ToArray();
        var present = similarity.Where(s => s.HasValue).Select(s => s!.Value).ToArray();
        var multiLag = new MultiLagSimilarity(
            _lags,
            similarity,
            present.Length > 0 ? present.Average() : null,
            present.Length > 1 ? present[0] - present[^1] : null);
        return (segments, _joins, _joinPictures, multiLag, _anchorPicture!, _anchorLook);
    }

    public LetterboxBars Letterbox(int sourceWidth, int sourceHeight) =>
        _letterbox?.Result(sourceWidth, sourceHeight) ?? new LetterboxBars(0, 0, 0, 0, 0);

    private void Allocate(AnalysisFrame frame)
    {
        _width = frame.Width;
        _height = frame.Height;
        _thumbnails = new LumaThumbnail[_lags.Max() + 1];
        for (var i = 0; i < _thumbnails.Length; i++)
        {
            _thumbnails[i] = new LumaThumbnail(frame.Width, frame.Height);
        }

        _previousSegmentThumbnail = null;
        _previousRgb = new byte[frame.RgbByteCount];
        _letterbox = new LetterboxScanner(frame.Width, frame.Height);
    }

    private void SetAnchor(AnalysisFrame anchor)
    {
        _anchorLook = FrameLookMeter.Measure(anchor);
        _anchorHistogram = new HueSaturationHistogram();
        _anchorHistogram.AddPixels(anchor.Planes.HuePlane, anchor.Planes.SaturationPlane);
        _anchorThumbnail = new LumaThumbnail(anchor.Width, anchor.Height);
        _anchorThumbnail.Fill(anchor.Planes.LumaPlane, anchor.Width);
        _anchorPicture = DriftPicture.Copy(anchor.Width, anchor.Height, anchor.Red, anchor.Green, anchor.Blue);
    }

    // The previous frame was the last of its segment: it becomes the "vs previous" reference, and the join is recorded.
    private void StartSegmentAfterJoin(SegmentTotals segment, AnalysisFrame frame, FrameLook look, LumaThumbnail thumbnail)
    {
        var pixels = frame.PixelCount;
        var before = _previousRgb.AsSpan();
        if (!_previousMeasured)
        {
            // The last frame before the join was not a middle frame: its colour and histogram are measured now, from
            // the copy of its pixels and the pass's plane history.
            _previousLook = _previousLook with { Lab = FrameLookMeter.MeanLab(before[..pixels], before.Slice(pixels, pixels), before.Slice(2 * pixels, pixels)) };
            var planes = frame.At(frame.Index - 1)!;
            _previousFrameHistogram.Clear();
            _previousFrameHistogram.AddPixels(planes.HuePlane, planes.SaturationPlane);
        }

        var previousThumbnail = _thumbnails[(frame.Index - 1) % _thumbnails.Length];
        _previousSegmentThumbnail ??= new LumaThumbnail(frame.Width, frame.Height);
        _previousSegmentThumbnail.CopyFrom(previousThumbnail);
        var reference = new HueSaturationHistogram();
        reference.CopyFrom(_previousFrameHistogram);
        segment.Previous = (_previousLook.Lab, reference);

        var join = _joins.Count;
        _joins.Add(new JoinDrift(
            join,
            frame.Time,
            frame.Index,
            _previousLook.Lab.DeltaE(look.Lab),
            _previousFrameHistogram.DistanceTo(_frameHistogram),
            previousThumbnail.Ssim(thumbnail),
            0,
            0,
            0));
        _joinPictures.Add(new JoinPictures(
            join,
            DriftPicture.Copy(_width, _height, before[..pixels], before.Slice(pixels, pixels), before.Slice(2 * pixels, pixels)),
            DriftPicture.Copy(_width, _height, frame.Red, frame.Green, frame.Blue)));
        _pendingFlashes.Add((join, frame.Index));
    }

    private void ScoreFlashes(long index, bool final)
    {
        for (var i = _pendingFlashes.Count - 1; i >= 0; i--)
        {
            var (join, frame) = _pendingFlashes[i];
            if (!final && index < frame + JoinFlashWindow.FramesAfterJoin)
            {
                continue;
            }

            var (flash, step, peak) = _flash.Score(frame);
            _joins[join] = _joins[join] with { FlashScore = flash, LumaStep = step, PeakDifference = peak };
            _pendingFlashes.RemoveAt(i);
        }
    }

    private int SegmentIndexAt(double time)
    {
        var index = Array.BinarySearch(_joinTimes, time);
        // An exact hit starts segment index + 1; otherwise the complement is the number of joins before the time.
        return index >= 0 ? index + 1 : ~index;
    }

    private SegmentTotals? SegmentAt(double time) => _segments[SegmentIndexAt(time)];
}
