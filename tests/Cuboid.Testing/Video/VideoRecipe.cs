using System.Globalization;

namespace Cuboid.Testing.Video;

/// <summary>
/// How to make one synthetic test video with ffmpeg. Defaults give a tiny 2 s 320x180 H.264 mp4
/// with a 440 Hz tone. Change only what the test is about.
/// </summary>
public sealed record VideoRecipe
{
    /// <summary>mp4, mov, mkv, webm or ts.</summary>
    public string Container { get; init; } = "mp4";

    /// <summary>ffmpeg encoder: libx264, libx265, libvpx-vp9, libsvtav1, libaom-av1.</summary>
    public string Codec { get; init; } = "libx264";

    public int Width { get; init; } = 320;

    public int Height { get; init; } = 180;

    public double Seconds { get; init; } = 2;

    public int Fps { get; init; } = 25;

    /// <summary>Frames between keyframes (fixed GOP, no scene-cut keyframes); null leaves the encoder's default.</summary>
    public int? Gop { get; init; }

    /// <summary>lavfi video source with its own options, e.g. <c>testsrc2</c>, <c>smptebars</c>, <c>color=c=blue</c>.</summary>
    public string Source { get; init; } = "testsrc2";

    /// <summary>Clockwise rotation a player should apply (the legacy <c>rotate</c> tag; mp4 and mov only).</summary>
    public int Rotation { get; init; }

    /// <summary>Sample (pixel) aspect ratio such as <c>2:1</c>; null for square pixels.</summary>
    public string? SampleAspect { get; init; }

    public bool Audio { get; init; } = true;

    /// <summary>The soundtrack as tone and silence segments; null means one 440 Hz tone for the whole clip.</summary>
    public IReadOnlyList<ToneSegment>? Tones { get; init; }

    /// <summary>No video stream at all (an audio-only file, e.g. <c>m4a</c> content in the chosen container).</summary>
    public bool AudioOnly { get; init; }

    /// <summary>Frames 1 s apart at first, then 10 fps: avg_frame_rate differs from r_frame_rate.</summary>
    public bool VariableFrameRate { get; init; }

    /// <summary>Shifts every timestamp so the first one is not zero (<c>-output_ts_offset</c>).</summary>
    public double StartOffsetSeconds { get; init; }

    /// <summary>x264/x265 constant rate factor or a VP9/AV1 quality; larger files for benchmarks use lower values.</summary>
    public int? Crf { get; init; }

    public VideoDefect Defect { get; init; }

    /// <summary>mp4/mov only: put the index (moov) at the front (<c>-movflags +faststart</c>), as web and phone exports
    /// do, so a file cut short still opens and claims its full duration.</summary>
    public bool FastStart { get; init; }

    /// <summary>Keeps only this fraction of the encoded file's bytes (a download or copy that stopped early); null keeps
    /// the whole file. Unlike <see cref="VideoDefect.TruncatedBeforeIndex"/>, the container's header survives.</summary>
    public double? CutToFraction { get; init; }

    /// <summary>Plays the encoded clip this many times in a row (stream copy, so long benchmark files are cheap to make).</summary>
    public int Repeat { get; init; } = 1;

    /// <summary>Extra video filters after scaling, e.g. <c>geq=lum='16+N*3':cb=128:cr=128</c> to stamp the frame number into the brightness.</summary>
    public string? Filter { get; init; }

    /// <summary>A stable text form of every field, used as the cache key. Fields added later join it only when set, so
    /// every earlier recipe keeps its cached file.</summary>
    public string Key => BaseKey
        + (FastStart ? "|faststart" : string.Empty)
        + (CutToFraction is { } cut ? "|cut" + cut.ToString("R", CultureInfo.InvariantCulture) : string.Empty);

    private string BaseKey => string.Join(
        '|',
        Container,
        Codec,
        Width.ToString(CultureInfo.InvariantCulture),
        Height.ToString(CultureInfo.InvariantCulture),
        Seconds.ToString("R", CultureInfo.InvariantCulture),
        Fps.ToString(CultureInfo.InvariantCulture),
        Gop?.ToString(CultureInfo.InvariantCulture) ?? "-",
        Source,
        Rotation.ToString(CultureInfo.InvariantCulture),
        SampleAspect ?? "-",
        Audio,
        Tones is null ? "-" : string.Join(',', Tones.Select(t => FormattableString.Invariant($"{t.Seconds}@{t.FrequencyHz}"))),
        AudioOnly,
        VariableFrameRate,
        StartOffsetSeconds.ToString("R", CultureInfo.InvariantCulture),
        Crf?.ToString(CultureInfo.InvariantCulture) ?? "-",
        Defect,
        Filter ?? "-",
        Repeat.ToString(CultureInfo.InvariantCulture));

    /// <summary>Total soundtrack length: the tone segments' sum, else <see cref="Seconds"/>.</summary>
    public double AudioSeconds => Tones?.Sum(t => t.Seconds) ?? Seconds;
}
