using Cuboid.Media.Probe;

namespace Cuboid.Contracts;

/// <summary><c>video</c> in <see cref="ProbeDocument"/>. Ratios are exact fractions as text (<c>30000/1001</c>).</summary>
public sealed record ProbeVideoStream(
    int Index,
    string Codec,
    int Width,
    int Height,
    int DisplayWidth,
    int DisplayHeight,
    string SampleAspectRatio,
    string DisplayAspectRatio,
    int Rotation,
    string? AverageFrameRate,
    string? RealFrameRate,
    double FramesPerSecond,
    bool VariableFrameRate,
    long? FrameCount,
    long? BitRate,
    string? PixelFormat,
    double StartTimeSeconds)
{
    /// <summary>The document for one probed video stream.</summary>
    public static ProbeVideoStream From(VideoStreamInfo video)
    {
        ArgumentNullException.ThrowIfNull(video);
        return new(
            video.Index,
            video.Codec,
            video.Width,
            video.Height,
            video.DisplayWidth,
            video.DisplayHeight,
            video.SampleAspectRatio.ToString(),
            video.DisplayAspectRatio.ToString(),
            video.Rotation,
            video.AverageFrameRate?.ToString(),
            video.RealFrameRate?.ToString(),
            video.FramesPerSecond,
            video.IsVariableFrameRate,
            video.FrameCount,
            video.BitRate,
            video.PixelFormat,
            video.StartTime.TotalSeconds);
    }
}
