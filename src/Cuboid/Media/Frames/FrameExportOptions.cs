namespace Cuboid.Media.Frames;

/// <summary>How exported frames look.</summary>
public sealed record FrameExportOptions
{
    /// <summary>The longest side of an exported image in pixels; smaller videos are not enlarged.</summary>
    public int MaxSize { get; init; } = 768;

    public FrameImageFormat Format { get; init; } = FrameImageFormat.Jpeg;

    /// <summary>File names start with this (then the timestamp), e.g. <c>frame_00012.500.jpg</c>.</summary>
    public string FilePrefix { get; init; } = "frame";

    /// <summary>Forces a method instead of choosing by density (for benchmarks and tests).</summary>
    public FrameExportMethod? Method { get; init; }

    public string Extension => Format == FrameImageFormat.Png ? "png" : "jpg";
}
