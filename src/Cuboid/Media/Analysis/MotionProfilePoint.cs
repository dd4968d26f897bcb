namespace Cuboid.Media.Analysis;

/// <summary>One time bucket of the motion profile (one second by default).</summary>
/// <param name="Start">Bucket start in seconds.</param>
/// <param name="Frames">Frames decoded in the bucket.</param>
/// <param name="MeanLuma">Mean luma of those frames (0-255).</param>
/// <param name="MeanMotion">Mean absolute luma change between consecutive frames (0-255).</param>
/// <param name="ActiveCuboids">Mean active-cuboid fraction of the slabs ending in the bucket (0-1).</param>
public sealed record MotionProfilePoint(double Start, int Frames, float MeanLuma, float MeanMotion, float ActiveCuboids);
