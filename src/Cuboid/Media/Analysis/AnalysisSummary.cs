namespace Cuboid.Media.Analysis;

/// <summary>Whole-video statistics from the analysis pass.</summary>
/// <param name="MeanLuma">Mean luma over all frames (0-255).</param>
/// <param name="MeanMotion">Mean absolute luma change between consecutive frames (0-255).</param>
/// <param name="MaxMotion">Largest such change (a cut or a flash shows here).</param>
/// <param name="MeanActiveCuboids">Mean active-cuboid fraction (0-1): how much of the picture moves, on average.</param>
/// <param name="DarkFrames">Frames darker than the fade threshold.</param>
public sealed record AnalysisSummary(float MeanLuma, float MeanMotion, float MaxMotion, float MeanActiveCuboids, long DarkFrames);
