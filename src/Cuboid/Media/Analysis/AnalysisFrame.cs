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

    public int Width { get; }

    public int Height { get; }

    public int PixelCount => Width * Height;

    /// <summary>Bytes of one packed RGB24 frame at this size.</summary>
    public int RgbByteCount => Width * Height * 3;

    public long Index { get; private set; }

    public double Time { get; private set; }

    /// <summary>The frame's packed RGB24 pixels.</summary>
    public ReadOnlySpan<byte> Rgb => _rgb.AsSpan(0, RgbByteCount);

    public FramePlanes Planes => _history[Index % HistoryLength];

    public FrameStats Stats => Planes.Stats;

    /// <summary>The planes of frame <paramref name="index"/> if it is still in the history, else null.</summary>
    public FramePlanes? At(long index) =>
        index >= 0 && index <= Index && Index - index < HistoryLength ? _history[index % HistoryLength] : null;

    /// <summary>Loads the next frame and measures it: planes, mean luma, motion and content score against the previous frame.</summary>
    public void Load(byte[] rgb, long index, double time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rgb.Length, RgbByteCount);
        if (index != Index + 1)
        {
            throw new ArgumentOutOfRangeException(nameof(index), "frames must be loaded in order");
        }

        _rgb = rgb;
        var previous = index > 0 ? _history[(index - 1) % HistoryLength] : null;
        Index = index;
        Time = time;
        var planes = _history[index % HistoryLength];
        PlaneMath.RgbToPlanes(Rgb, planes.Luma, planes.Hue, planes.Saturation, planes.Value);

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
