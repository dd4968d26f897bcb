namespace Cuboid.Media.Probe;

/// <summary>What <see cref="VideoProbe"/> learned about a media file.</summary>
/// <param name="Path">The full path that was probed.</param>
/// <param name="Container">ffmpeg's format name, e.g. <c>mov,mp4,m4a,3gp,3g2,mj2</c> or <c>matroska,webm</c>.</param>
/// <param name="Duration">Playing time; always positive (zero-duration files are rejected).</param>
/// <param name="StartTime">The first presentation timestamp; non-zero in some camera and broadcast files.</param>
/// <param name="SizeBytes">File size.</param>
/// <param name="BitRate">Overall bit rate when known.</param>
/// <param name="Video">The main video stream, or null for an audio-only file.</param>
/// <param name="AudioStreams">All audio streams, in container order.</param>
public sealed record VideoInfo(
    string Path,
    string Container,
    TimeSpan Duration,
    TimeSpan StartTime,
    long SizeBytes,
    long? BitRate,
    VideoStreamInfo? Video,
    IReadOnlyList<AudioStreamInfo> AudioStreams)
{
    /// <summary>Whether the file has a video stream.</summary>
    public bool HasVideo => Video is not null;

    /// <summary>Whether the file has at least one audio stream.</summary>
    public bool HasAudio => AudioStreams.Count > 0;

    /// <summary>The video stream, or a clear input error for files that have none (audio-only).</summary>
    public VideoStreamInfo RequireVideo() =>
        Video ?? throw CuboidException.Input(CuboidErrorCodes.InputNotMedia, CuboidParameters.Input, $"{System.IO.Path.GetFileName(Path)} has no video stream (audio only?)");
}
