namespace Cuboid.Media.Audio;

/// <summary>
/// Finds where there is sound (speech, music) and where there is silence in 16-bit mono PCM, streaming:
/// feed samples in any chunk sizes with <see cref="Add"/>, then call <see cref="Complete"/>. Memory is
/// one frame plus the intervals found, whatever the length of the audio. Frame RMS in dBFS with
/// hysteresis and minimum durations; boundaries are accurate to one frame (10 ms by default).
/// </summary>
public sealed class AudioActivityDetector
{
    private readonly AudioActivityOptions _options;
    private readonly int _frameSamples;
    private readonly List<AudioInterval> _intervals = [];
    private readonly int _sampleRate;
    private readonly TimeSpan _offset;

    private double _sumOfSquares;
    private int _inFrame;
    private long _frameIndex;
    private bool _active;
    private long _rawStartFrame;
    private (long Start, long End)? _pending;

    /// <param name="sampleRate">Samples per second of the PCM that will be fed.</param>
    /// <param name="offset">Added to every reported time (the start of the extracted range in the video).</param>
    public AudioActivityDetector(int sampleRate, AudioActivityOptions? options = null, TimeSpan offset = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1000);
        _options = options ?? new();
        _sampleRate = sampleRate;
        _offset = offset;
        _frameSamples = Math.Max(1, (int)Math.Round(sampleRate * _options.FrameLength.TotalSeconds));
    }

    /// <summary>Samples seen so far.</summary>
    public long SampleCount { get; private set; }

    /// <summary>Feeds the next 16-bit PCM samples (mono, at the detector's sample rate).</summary>
    public void Add(ReadOnlySpan<short> samples)
    {
        foreach (var sample in samples)
        {
            _sumOfSquares += (double)sample * sample;
            if (++_inFrame == _frameSamples)
            {
                EndFrame();
            }
        }

        SampleCount += samples.Length;
    }

    /// <summary>Flushes the last partial frame and returns the activity intervals, in time order.</summary>
    public IReadOnlyList<AudioInterval> Complete()
    {
        if (_inFrame > 0)
        {
            EndFrame();
        }

        if (_active)
        {
            CloseRaw(_frameIndex);
            _active = false;
        }

        FlushPending();
        return [.. _intervals];
    }

    private void EndFrame()
    {
        var rms = Math.Sqrt(_sumOfSquares / _inFrame) / 32768.0;
        var db = rms > 0 ? 20 * Math.Log10(rms) : double.NegativeInfinity;
        var threshold = _active ? _options.StopThresholdDb : _options.StartThresholdDb;
        var sound = db >= threshold;
        if (sound && !_active)
        {
            _active = true;
            _rawStartFrame = _frameIndex;
        }
        else if (!sound && _active)
        {
            _active = false;
            CloseRaw(_frameIndex);
        }

        _frameIndex++;
        _sumOfSquares = 0;
        _inFrame = 0;
    }

    // Bridges short pauses into the pending interval; keeps an interval once a long enough silence follows it.
    private void CloseRaw(long endFrame)
    {
        if (_pending is { } pending && Time(_rawStartFrame) - Time(pending.End) < _options.MinSilence)
        {
            _pending = (pending.Start, endFrame);
            return;
        }

        FlushPending();
        _pending = (_rawStartFrame, endFrame);
    }

    private void FlushPending()
    {
        if (_pending is { } pending && Time(pending.End) - Time(pending.Start) >= _options.MinActivity)
        {
            _intervals.Add(new AudioInterval(_offset + Time(pending.Start), _offset + Time(pending.End)));
        }

        _pending = null;
    }

    private TimeSpan Time(long frame) => TimeSpan.FromSeconds((double)frame * _frameSamples / _sampleRate);
}
