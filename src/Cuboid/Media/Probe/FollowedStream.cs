namespace Cuboid.Media.Probe;

/// <summary>The stream a truncation check follows: its index, the length its header promises (from the file's start),
/// the gap at the end that is only timestamp noise, and the gap that needs ffmpeg's word or the packets to judge.</summary>
internal sealed record FollowedStream(int Index, TimeSpan Expected, TimeSpan FrameSlack, TimeSpan GapTolerance);
