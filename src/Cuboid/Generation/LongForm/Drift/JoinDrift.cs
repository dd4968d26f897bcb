namespace Cuboid.Generation.LongForm;

/// <summary>What happens across one join: the last frame of a segment against the first of the next.</summary>
/// <param name="Index">0-based join number (join i is between segments i and i + 1).</param>
/// <param name="Time">Time of the first frame after the join (s).</param>
/// <param name="Frame">Index of that frame.</param>
/// <param name="DeltaE">ΔE between the two frames' mean Lab colours.</param>
/// <param name="HistogramDistance">Bhattacharyya distance of their hue-saturation histograms.</param>
/// <param name="Ssim">SSIM of the two frames (64 px luma).</param>
/// <param name="LumaStep">Mean-luma step across the join over the median frame difference around it.</param>
/// <param name="FlashScore">The largest frame difference within a few frames of the join over the median difference
/// of the 12 frames each side: about 1 for a seamless join, ≫ 1 for a flash or a jump.</param>
/// <param name="PeakDifference">That largest frame difference, in luma levels (0-255).</param>
public sealed record JoinDrift(
    int Index, double Time, long Frame, double DeltaE, double HistogramDistance, double Ssim, double LumaStep, double FlashScore, double PeakDifference);
