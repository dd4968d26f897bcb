using Cuboid.Media.Analysis;

namespace Cuboid.Media.Scenes;

/// <summary>
/// Finds hard cuts (content or adaptive score), fades through black and their midpoints in the analysis frame stream.
/// Cuts are confirmed a few frames late: a jump that comes back to the previous picture within
/// <see cref="SceneDetectionOptions.FlashWindow"/>, or a brightness spike up and back whose pictures before and after
/// are alike (<see cref="BrightnessSpike"/>), is a flash (a camera flash, lightning, a glitch), not a cut; and the
/// adaptive score needs <see cref="SceneDetectionOptions.AdaptiveWindow"/> frames after the cut. Frames that jump while
/// a candidate waits are considered once it is settled, so a flash never hides a cut just after it. Boundaries are
/// reported through the callback as soon as they are certain, so the shot's first frame is still in the pass's history.
/// </summary>
public sealed class SceneDetector : IFrameConsumer
{
    /// <summary>Frames before a candidate whose scores it must stand out against.</summary>
    private const int JumpWindow = 3;

    private readonly SceneDetectionOptions _options;
    private readonly Action<SceneBoundary>? _onBoundary;
    private readonly List<SceneBoundary> _boundaries = [];
    private readonly double _threshold;
    private readonly double _sameShotThreshold;
    private readonly double _minScene;
    private readonly double _flashWindow;
    private readonly int _lag;

    private AnalysisFrame? _frame;
    private double _lastCutTime = double.NegativeInfinity;
    private double _quietUntil = double.NegativeInfinity;
    private double _lastFadeOutTime = double.NegativeInfinity;
    private long _suppressThrough = -1;
    private long _consideredThrough;
    private Candidate? _pending;

    private bool _inDark;
    private FramePoint? _fadeOut;

    /// <summary>A detector with <paramref name="options"/> (the defaults when null) that calls <paramref name="onBoundary"/> for each boundary as it is confirmed.</summary>
    public SceneDetector(SceneDetectionOptions? options = null, Action<SceneBoundary>? onBoundary = null)
    {
        _options = options ?? new SceneDetectionOptions();
        _options.Validate();
        _onBoundary = onBoundary;
        _threshold = _options.EffectiveThreshold;
        _sameShotThreshold = _options.Detector == SceneDetectorKind.Content ? _threshold : SceneDetectionOptions.DefaultContentThreshold;
        _minScene = _options.MinSceneLength.TotalSeconds;
        _flashWindow = _options.FlashWindow.TotalSeconds;
        _lag = _options.Detector == SceneDetectorKind.Adaptive ? _options.AdaptiveWindow : 0;
    }

    /// <summary>Every boundary found so far, in the order confirmed.</summary>
    public IReadOnlyList<SceneBoundary> Boundaries => _boundaries;

    /// <inheritdoc/>
    public void OnFrame(AnalysisFrame frame)
    {
        _frame = frame;
        var stats = frame.Stats;
        if (stats.Index == 0)
        {
            _lastCutTime = stats.Time;
        }

        TrackFades(stats);

        // Candidates are scored _lag frames late (the adaptive ratio needs the frames after the cut).
        Advance(frame.Index, frame.Index - _lag, final: false);
    }

    /// <inheritdoc/>
    public void OnCompleted()
    {
        if (_frame is not null)
        {
            // Score the tail the adaptive window never reached, with the neighbours that exist.
            Advance(_frame.Index, _frame.Index, final: true);
        }
    }

    // Settles the waiting candidate as far as the frames allow, then considers the frames scored since, in order: a
    // frame that jumped while a candidate waited (a cut right after a flash) is judged once the flash is settled.
    private void Advance(long newest, long scoredThrough, bool final)
    {
        while (true)
        {
            if (_pending is not null)
            {
                AdvancePending(newest, final);
                if (_pending is not null)
                {
                    return;
                }
            }

            if (_consideredThrough >= scoredThrough)
            {
                return;
            }

            _consideredThrough++;
            ConsiderCandidate(_consideredThrough, newest);
        }
    }

    private void ConsiderCandidate(long index, long newest)
    {
        if (index <= _suppressThrough)
        {
            return;
        }

        var planes = _frame!.At(index);
        var before = _frame.At(index - 1);
        if (planes is null || before is null)
        {
            return;
        }

        var stats = planes.Stats;
        var fadeOn = _options.FadeThreshold > 0;
        if (fadeOn && (stats.MeanLuma < _options.FadeThreshold || before.Stats.MeanLuma < _options.FadeThreshold))
        {
            return; // Fades through black are the fade tracker's job.
        }

        if (stats.Time < _quietUntil || (_lastFadeOutTime >= stats.Time && _lastFadeOutTime - stats.Time <= _flashWindow))
        {
            return;
        }

        double score;
        if (_options.Detector == SceneDetectorKind.Content)
        {
            score = stats.ContentScore;
            if (score < _threshold || !StandsOut(index, score))
            {
                return;
            }
        }
        else
        {
            var content = stats.ContentScore;
            if (content < _options.MinContentScore)
            {
                return;
            }

            double sum = 0;
            var count = 0;
            for (var k = index - _options.AdaptiveWindow; k <= Math.Min(newest, index + _options.AdaptiveWindow); k++)
            {
                if (k < 1 || k == index || _frame.At(k) is not { } neighbour)
                {
                    continue;
                }

                sum += neighbour.Stats.ContentScore;
                count++;
            }

            var average = count > 0 ? sum / count : 0;
            score = average > 1e-6 ? content / average : 255.0;
            if (score < _threshold)
            {
                return;
            }
        }

        if (ReturnsToEarlierPicture(index, planes) || EndsBrightnessSpike(index))
        {
            return;
        }

        _pending = new Candidate(new FramePoint(index, stats.Time, score));
    }

    // A cut is a jump, not more of the same: busy texture (cellular automata, water, crowds) and low frame rates
    // change every frame by about the threshold, so the score must also stand out against each of the frames before
    // it (a slow ramp of motion at 2 fps climbs to the threshold over several frames).
    private bool StandsOut(long index, double score)
    {
        if (_options.MinJumpRatio <= 0)
        {
            return true;
        }

        for (var k = index - 1; k >= Math.Max(1, index - JumpWindow) && _frame!.At(k) is { } earlier; k--)
        {
            if (score < _options.MinJumpRatio * earlier.Stats.ContentScore)
            {
                return false;
            }
        }

        return true;
    }

    // The jump back at the end of a flash: the picture matches one from just before the flash started.
    private bool ReturnsToEarlierPicture(long index, FramePlanes planes)
    {
        if (_flashWindow <= 0 || _frame!.At(index - 1) is not { } before)
        {
            return false;
        }

        for (var k = index - 2; _frame.At(k) is { } earlier && before.Stats.Time - earlier.Stats.Time <= _flashWindow; k--)
        {
            if (HsvDifference.Score(planes, earlier) < _sameShotThreshold)
            {
                return true;
            }
        }

        return false;
    }

    // The jump back down at the end of a flash whose jump up was too small to be a candidate itself.
    private bool EndsBrightnessSpike(long index)
    {
        for (var start = index - 1; start >= 1 && _frame!.At(start) is { } first && _frame.At(index)!.Stats.Time - first.Stats.Time <= _flashWindow; start--)
        {
            if (BrightnessSpike.IsSpike(_frame, start, index))
            {
                return BrightnessSpike.AlikeAcross(_frame, start, index, _sameShotThreshold);
            }
        }

        return false;
    }

    private void AdvancePending(long newest, bool final)
    {
        if (_pending is not { } pending)
        {
            return;
        }

        var before = _frame!.At(pending.Point.Index - 1);
        for (var k = Math.Max(pending.CheckedThrough + 1, pending.Point.Index + 1); k <= newest; k++)
        {
            var planes = _frame.At(k);
            if (planes is null || before is null || planes.Stats.Time - pending.Point.Time > _flashWindow)
            {
                Confirm(pending.Point);
                return;
            }

            pending.CheckedThrough = k;
            if (HsvDifference.Score(planes, before) < _sameShotThreshold
                || BrightnessSpike.IsFlash(_frame, pending.Point.Index, k, _sameShotThreshold))
            {
                // Back to the picture before the jump, or a brightness spike over a shot that carried on: a flash.
                // The jump back is not a cut either.
                _pending = null;
                _suppressThrough = k;
                return;
            }
        }

        // The window is a time span, so a frame just past it (or the end of the video) settles the question.
        if (final || _flashWindow <= 0)
        {
            Confirm(pending.Point);
        }
    }

    private void Confirm(FramePoint point)
    {
        _pending = null;
        if (Math.Abs(point.Time - _lastCutTime) < _minScene)
        {
            return;
        }

        _lastCutTime = point.Time;
        Emit(new SceneBoundary(point.Time, point.Index, Math.Round(point.Score, 3), SceneBoundaryKind.Cut, false, point.Index, point.Time));
    }

    private void TrackFades(FrameStats stats)
    {
        if (_options.FadeThreshold <= 0)
        {
            return;
        }

        var dark = stats.MeanLuma < _options.FadeThreshold;
        var point = new FramePoint(stats.Index, stats.Time, stats.MeanLuma);
        if (stats.Index == 0)
        {
            _inDark = dark;
            return;
        }

        if (!_inDark && dark)
        {
            _inDark = true;
            _fadeOut = point;
            _lastFadeOutTime = point.Time;

            // A quick fade makes big jumps on its way down; the fade's own midpoint cut stands for them.
            if (_pending is { } pending && point.Time - pending.Point.Time <= Math.Max(_flashWindow, 0))
            {
                _pending = null;
            }

            Emit(new SceneBoundary(point.Time, point.Index, Math.Round(point.Score, 3), SceneBoundaryKind.FadeOut));
        }
        else if (_inDark && !dark)
        {
            _inDark = false;
            Emit(new SceneBoundary(point.Time, point.Index, Math.Round(point.Score, 3), SceneBoundaryKind.FadeIn));
            _quietUntil = point.Time + _minScene;
            if (_fadeOut is { } fadeOut)
            {
                var middle = (fadeOut.Time + point.Time) / 2;
                if (Math.Abs(middle - _lastCutTime) >= _minScene)
                {
                    _lastCutTime = middle;
                    var middleFrame = (fadeOut.Index + point.Index) / 2;
                    Emit(new SceneBoundary(middle, middleFrame, Math.Round(point.Score, 3), SceneBoundaryKind.Cut, true, point.Index, point.Time));
                }
            }

            _fadeOut = null;
        }
    }

    private void Emit(SceneBoundary boundary)
    {
        _boundaries.Add(boundary);
        _onBoundary?.Invoke(boundary);
    }

    private readonly record struct FramePoint(long Index, double Time, double Score);

    private sealed class Candidate(FramePoint point)
    {
        public FramePoint Point { get; } = point;

        public long CheckedThrough { get; set; } = point.Index;
    }
}
