namespace Cuboid.Media.Frames;

/// <summary>How a keyframe preview looks.</summary>
public sealed record KeyframePreviewOptions
{
    /// <summary>Longest side of each thumbnail in pixels.</summary>
    public int MaxSize { get; init; } = 320;

    /// <summary>The image format of the thumbnails.</summary>
    public FrameImageFormat Format { get; init; } = FrameImageFormat.Jpeg;

    /// <summary>Keep at most one keyframe per this interval (for files with very frequent keyframes); null keeps all.</summary>
    public TimeSpan? MinGap { get; init; }

    /// <summary>How many stretches are decoded side by side; null picks one per core for files of a minute or more.</summary>
    internal int? Parts { get; init; }
}
