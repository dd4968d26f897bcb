namespace Cuboid.Media.Probe;

/// <summary>The facts about a file's main video stream.</summary>
/// <param name="Index">The stream index in the container.</param>
/// <param name="Codec">ffmpeg's codec name: <c>h264</c>, <c>hevc</c>, <c>vp9</c>, <c>av1</c>...</param>
/// <param name="Width">Stored (coded) frame width in pixels, before rotation and aspect correction.</param>
/// <param name="Height">Stored (coded) frame height in pixels.</param>
/// <param name="DisplayWidth">Width as shown to a viewer: sample aspect applied, then rotation.</param>
/// <param name="DisplayHeight">Height as shown to a viewer.</param>
/// <param name="SampleAspectRatio">Pixel shape; 1/1 for square pixels (also when the file does not say).</param>
/// <param name="DisplayAspectRatio">Picture shape before rotation (width × SAR : height).</param>
/// <param name="Rotation">Counterclockwise rotation a player applies (0, 90, 180 or 270), from the display matrix or the rotate tag.</param>
/// <param name="AverageFrameRate">Frames divided by duration (ffprobe <c>avg_frame_rate</c>); null when unknown.</param>
/// <param name="RealFrameRate">The lowest rate that represents every timestamp (ffprobe <c>r_frame_rate</c>); null when unknown.</param>
/// <param name="IsVariableFrameRate">True when the average and real frame rates differ by more than 1 %.</param>
/// <param name="FrameCount">Frames in the stream when the container says (<c>nb_frames</c>); null otherwise.</param>
/// <param name="BitRate">Stream bit rate in bits per second when known.</param>
/// <param name="PixelFormat">ffmpeg pixel format, e.g. <c>yuv420p</c>.</param>
/// <param name="StartTime">The stream's first presentation timestamp (may differ slightly from the file's).</param>
public sealed record VideoStreamInfo(
    int Index,
    string Codec,
    int Width,
    int Height,
    int DisplayWidth,
    int DisplayHeight,
    Rational SampleAspectRatio,
    Rational DisplayAspectRatio,
    int Rotation,
    Rational? AverageFrameRate,
    Rational? RealFrameRate,
    bool IsVariableFrameRate,
    long? FrameCount,
    long? BitRate,
    string? PixelFormat,
    TimeSpan StartTime)
{
    /// <summary>The best single number for "frames per second": average rate, else real rate, else 0.</summary>
    public double FramesPerSecond => AverageFrameRate?.Value ?? RealFrameRate?.Value ?? 0;

    /// <summary>Where the container says the stream ends, in presentation time (not counted from the file's start);
    /// null when it does not say. See <see cref="StreamEnd"/>.</summary>
    public TimeSpan? DeclaredEnd { get; init; }

    /// <summary>True when a player turns the picture a quarter turn, swapping width and height.</summary>
    public bool IsQuarterTurn => Rotation is 90 or 270;
}
