namespace Cuboid.Media.Analysis;

/// <summary>The compact per-frame facts the analysis pass measures (28 bytes; kept per sample, streamed per frame).</summary>
/// <param name="Index">0-based index of the decoded frame.</param>
/// <param name="Time">Presentation time in seconds from the start of the file.</param>
/// <param name="MeanLuma">Mean luma (BT.601, 0-255).</param>
/// <param name="Motion">Mean absolute luma difference to the previous frame (0-255; 0 for the first frame).</param>
/// <param name="ContentScore">Mean absolute HSV difference to the previous frame, averaged over H, S and V
/// (PySceneDetect's content value, 0-255; 0 for the first frame).</param>
public readonly record struct FrameStats(long Index, double Time, float MeanLuma, float Motion, float ContentScore);
