namespace Cuboid.Media.Probe;

/// <summary>The stream a truncation check follows: the length its header promises (from the file's start),
/// the gap at the end that is only timestamp noise, and the gap that needs ffmpeg's word or the packets to judge.
/// <see cref="PacketsOf"/> is the stream whose packets are read to confirm a gap: the stream itself when its header
/// declares its own end, else every stream (null), since the format duration it is then held to covers them all (a
/// file whose audio runs on after the video is not truncated).</summary>
internal sealed record FollowedStream(TimeSpan Expected, TimeSpan FrameSlack, TimeSpan GapTolerance, int? PacketsOf);
