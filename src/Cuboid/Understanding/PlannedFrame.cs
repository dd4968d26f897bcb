namespace Cuboid.Understanding;

/// <summary>
/// A sample the analysis pass chose, as it streams out: when, why (<see cref="Reports.SampleReasons"/>),
/// the exported caption-resolution JPEG (empty in a plan, which exports nothing), the largest fraction (0–1) of space-time cuboids that moved since the
/// previous sample (a cut's own transition counts for the sample on the cut, see <see cref="SampleMotion"/>), and a
/// 64-bit perceptual hash of the analysis-resolution frame (null when the pass has none).
/// </summary>
public sealed record PlannedFrame(double Time, string Reason, string FramePath, double MotionEnergy = 0, ulong? Hash = null)
{
    /// <summary>Deletes the exported JPEG of a frame that will not be captioned, if there is one.</summary>
    public void Discard()
    {
        if (FramePath.Length > 0)
        {
            File.Delete(FramePath);
        }
    }
}
