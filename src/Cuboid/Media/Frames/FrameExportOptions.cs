namespace Cuboid.Media.Frames;

/// <summary>How exported frames look.</summary>
public sealed record FrameExportOptions
{
    /// <summary>The longest side of an exported image in pixels; smaller videos are not enlarged.</summary>
    public int MaxSize { get; init; } = 768;

    /// <summary>The image format of exported frames.</summary>
    public FrameImageFormat Format { get; init; } = FrameImageFormat.Jpeg;

    /// <summary>File names start with this (then the timestamp), e.g. <c>frame_00012.500.jpg</c>.</summary>
    public string FilePrefix { get; init; } = "frame";

    /// <summary>Forces a method instead of choosing by density (for benchmarks and tests).</summary>
    public FrameExportMethod? Method { get; init; }

    /// <summary>The file extension of <see cref="Format"/>, without the dot: <c>jpg</c> or <c>png</c>.</summary>
    public string Extension => Format == FrameImageFormat.Png ? "png" : "jpg";
}
