namespace Cuboid.Media.Analysis;

/// <summary>How far the analysis pass has decoded (the analyze pipeline's own stage progress is <c>Cuboid.Understanding.AnalysisProgress</c>).</summary>
/// <param name="Frames">Frames decoded so far.</param>
/// <param name="Seconds">Presentation time reached, in seconds.</param>
/// <param name="Duration">The video's duration in seconds (from the probe).</param>
public readonly record struct DecodeProgress(long Frames, double Seconds, double Duration)
{
    /// <summary>How much of the video has been decoded, from 0 to 1 (0 when the duration is unknown).</summary>
    public double Fraction => Duration > 0 ? Math.Clamp(Seconds / Duration, 0, 1) : 0;
}
