using Cuboid.Media;
using Cuboid.Media.Analysis;

namespace Cuboid.Generation.LongForm;

/// <summary>Settings of one drift measurement: the anchor, where segments start, and the analysis size.</summary>
public sealed record DriftOptions
{
    /// <summary>Segment length when no join times are given.</summary>
    public static readonly TimeSpan DefaultSegmentLength = TimeSpan.FromSeconds(8);

    /// <summary>The anchor image (master reference); null makes the first segment's first frame the anchor.</summary>
    public string? AnchorPath { get; init; }

    /// <summary>Cut the video into segments this long (default 8 s). Exclusive with <see cref="JoinTimes"/>.</summary>
    public TimeSpan? SegmentLength { get; init; }

    /// <summary>Times where a new segment starts (the joins of a chained video), increasing.</summary>
    public IReadOnlyList<TimeSpan>? JoinTimes { get; init; }

    /// <summary>Long side of the analysis frames. Larger than analyze's 128 px, so a blur of a couple of source pixels
    /// still shows in the Laplacian after the downscale; smaller than 256 px, which cost 1.35× a decode (PERFORMANCE.md).</summary>
    public int AnalysisLongSide { get; init; } = 192;

    /// <summary>The per-segment averages (colour, histogram, exposure, contrast, saturation, sharpness, SSIM, multi-lag)
    /// are taken on the middle frame of each run of this many frames of a segment; joins, flicker, flashes and letterbox
    /// see every frame. Tests set 1 to compare against every frame.</summary>
    internal int MetricStride { get; init; } = DriftMeter.DefaultStride;

    /// <summary>Segments expected to be shorter than this many frames are measured on every frame whatever
    /// <see cref="MetricStride"/> says. Tests set 0 to stride short clips.</summary>
    internal int MinimumStridedSegmentFrames { get; init; } = DriftMeter.DefaultMinimumStridedFrames;

    /// <summary>Receives decode progress; null for none.</summary>
    public IProgress<DecodeProgress>? Progress { get; init; }

    /// <summary>ffmpeg and ffprobe to use (those on the PATH by default).</summary>
    public MediaTools Tools { get; init; } = MediaTools.Default;

    /// <summary>The clock the decode pass runs on (progress timing, timeouts).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Parses <c>--at</c>: comma-separated times such as <c>8,16.5,1m</c>; a usage error names a bad one.</summary>
    public static IReadOnlyList<TimeSpan> ParseJoinTimes(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueMissing, CuboidParameters.At, $"{CuboidParameters.At} needs at least one time, e.g. {CuboidParameters.At} 8,16,24");
        }

        return DurationParser.ParseList(text);
    }

    /// <summary>Throws a usage error naming the first bad value.</summary>
    public void Validate()
    {
        if (SegmentLength is not null && JoinTimes is not null)
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueConflict, CuboidParameters.Segments, $"give either {CuboidParameters.Segments} or {CuboidParameters.At}, not both");
        }

        if (SegmentLength is { } length && length <= TimeSpan.Zero)
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.Segments, $"{CuboidParameters.Segments} must be positive, got {length.TotalSeconds}s");
        }

        if (JoinTimes is { } times)
        {
            if (times.Count == 0)
            {
                throw CuboidException.Usage(CuboidErrorCodes.ValueMissing, CuboidParameters.At, $"{CuboidParameters.At} needs at least one time, e.g. {CuboidParameters.At} 8,16,24");
            }

            for (var i = 0; i < times.Count; i++)
            {
                if (times[i] <= TimeSpan.Zero)
                {
                    throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.At, $"{CuboidParameters.At} times must be after the start, got {times[i].TotalSeconds}s");
                }

                if (i > 0 && times[i] <= times[i - 1])
                {
                    throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.At, $"{CuboidParameters.At} times must increase, got {times[i].TotalSeconds}s after {times[i - 1].TotalSeconds}s");
                }
            }
        }

        if (AnalysisLongSide is < 32 or > 512)
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.AnalysisLongSide, $"analysis size {AnalysisLongSide} is out of range; use 32 to 512 px");
        }
    }

    /// <summary>The join times in seconds for a video of <paramref name="duration"/> seconds; a time past its end is a usage error.</summary>
    public IReadOnlyList<double> JoinSecondsFor(double duration)
    {
        if (JoinTimes is { } times)
        {
            if (times[^1].TotalSeconds >= duration)
            {
                throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.At, 
                    $"{CuboidParameters.At} {times[^1].TotalSeconds:0.###}s is past the end of the video ({duration:0.###} s)");
            }

            return [.. times.Select(t => t.TotalSeconds)];
        }

        var step = (SegmentLength ?? DefaultSegmentLength).TotalSeconds;
        var joins = new List<double>();
        for (var k = 1; k * step < duration; k++)
        {
            joins.Add(k * step);
        }

        return joins;
    }
}
