using Cuboid.Media.Sampling;

namespace Cuboid.Media.Analysis;

/// <summary>A frame the analysis pass chose for captioning.</summary>
/// <param name="FrameIndex">0-based index of the decoded frame.</param>
/// <param name="Time">Presentation time in seconds from the start of the file.</param>
/// <param name="Reason">Why it was chosen. A frame chosen for two reasons is reported once, with the first reason found.</param>
/// <param name="Stats">The frame's statistics.</param>
/// <param name="Signature">Its perceptual fingerprint (compare samples with <see cref="FrameSignature.DistanceTo"/>).</param>
/// <param name="MotionSincePrevious">The largest active-cuboid fraction (0-1) measured since the previous sample was
/// chosen: near 0 means nothing moved in between.</param>
/// <param name="ImagePath">The exported caption-resolution JPEG, or null when export is off.</param>
public sealed record AnalysisSample(
    long FrameIndex,
    double Time,
    SampleReason Reason,
    FrameStats Stats,
    FrameSignature Signature,
    float MotionSincePrevious,
    string? ImagePath);
