namespace Cuboid.Testing.Video;

/// <summary>Damage a <see cref="VideoBuilder"/> applies after encoding, to test bad-input handling.</summary>
public enum VideoDefect
{
    None,

    /// <summary>Overwrites bytes in the middle third of the file: the container still opens, some frames fail to decode.</summary>
    CorruptMiddle,

    /// <summary>Cuts the file in half; for an mp4 whose index (moov) is at the end, the index is lost.</summary>
    TruncatedBeforeIndex,

    /// <summary>A file with no frames at all (encoded with <c>-frames:v 0</c>).</summary>
    ZeroDuration,
}
