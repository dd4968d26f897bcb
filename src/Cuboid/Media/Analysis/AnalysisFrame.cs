namespace Cuboid.Media.Analysis;

/// <summary>
/// The frame the analysis pass is looking at, with a short history of the frames before it. One instance is reused
/// for the whole pass (no allocation per frame): consumers read it during <see cref="IFrameConsumer.OnFrame"/> and
/// keep only what they copy out.
/// </summary>
public sealed class AnalysisFrame
{
    /// <summary>How many recent frames (this one included) stay available through <see cref="At"/>.</summary>
    public const int HistoryLength = 32;

    private readonly FramePlanes[] _history;
    private byte[] _rgb = [];

    /// <summary>A frame buffer for analysis frames of <paramref name="width"/> × <paramref name="height"/> pixels, before the first frame.</summary>
    public AnalysisFrame(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        Width = width;
        Height = height;
        _history = new FramePlanes[HistoryLength];
        for (var i = 0; i < _history.Length; i++)
        {
            _history[i] = new FramePlanes(width * height);
        }

        Index = -1;
    }

    /// <summary>Width of the analysis frame in pixels.</summary>
    public int Width { get; }

    /// <summary>Height of the analysis frame in pixels.</summary>
    public int Height { get; }

    /// <summary>Pixels in one plane: <see cref="Width"/> × <see cref="Height"/>.</summary>
    public int PixelCount => Width * Height;

    /// <summary>Bytes of one planar RGB frame at this size (ffmpeg's <c>gbrp</c>: green, blue and red planes).</summary>
    public int RgbByteCount => Width * Height * 3;

    /// <summary>The frame's number in decode order, from 0; -1 before the first frame.</summary>
    public long Index { get; private set; }

    /// <summary>The frame's presentation time in seconds from the start of the video.</summary>
    public double Time { get; private set; }

    /// <summary>The frame's red plane.</summary>
    public ReadOnlySpan<byte> Red => _rgb.AsSpan(2 * PixelCount, PixelCount);

    /// <summary>The frame's green plane.</summary>
    public ReadOnlySpan<byte> Green => _rgb.AsSpan(0, PixelCount);

    /// <summary>The frame's blue plane.</summary>
    public ReadOnlySpan<byte> Blue => _rgb.AsSpan(PixelCount, PixelCount);

    /// <summary>The current frame's luma, hue, saturation and value planes and statistics.</summary>
    public FramePlanes Planes => _history[Index % HistoryLength];

    /// <summary>The current frame's statistics (mean luma, HSV means, ...).</summary>
    public FrameStats Stats => Planes.Stats;

    /// <summary>The planes of frame <paramref name="index"/> if it is still in the history, else null.</summary>
    public FramePlanes? At(long index) =>
        index >= 0 && index <= Index && Index - index < HistoryLength ? _history[index % HistoryLength] : null;

    /// <summary>Loads the next frame, planar RGB in ffmpeg's <c>gbrp</c> order (green, blue, red), and measures it:
    /// planes, mean luma, motion and content score against the previous frame.</summary>
    public void Load(byte[] gbrp, long index, double time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(gbrp.Length, RgbByteCount);
        if (index != Index + 1)
        {
            throw new ArgumentOutOfRangeException(nameof(index), "frames must be loaded in order");
        }

        _rgb = gbrp;
        var previous = index > 0 ? _history[(index - 1) % HistoryLength] : null;
        Index = index;
        Time = time;
        var planes = _history[index % HistoryLength];
        PlaneMath.RgbToPlanes(Red, Green, Blue, planes.Luma, planes.Hue, planes.Saturation, planes.Value);

        var pixels = (double)PixelCount;
        var meanLuma = PlaneMath.Sum(planes.Luma) / pixels;
        float motion = 0, content = 0;
        if (previous is not null)
        {
            motion = (float)(PlaneMath.SumAbsDiff(planes.Luma, previous.Luma) / pixels);
            content = (float)HsvDifference.Score(planes, previous);
        }

        planes.Stats = new FrameStats(index, time, (float)meanLuma, motion, content);
    }
}
