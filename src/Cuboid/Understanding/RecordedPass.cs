using Cuboid.Understanding.Reports;

namespace Cuboid.Understanding;

/// <summary>
/// Everything one probe and decode pass told the analysis (the facts, every sample in stream order, and what
/// <see cref="PassOutcome"/> held when the stream ended), kept so <see cref="ReplayedPassSource"/> can give a later run
/// the same pass without decoding the video again.
/// </summary>
internal sealed record RecordedPass(VideoFacts Facts, IReadOnlyList<RecordedSample> Samples, IReadOnlyList<ReportScene> Scenes,
    IReadOnlyList<MotionPoint> MotionProfile, IReadOnlyList<double> CutSampleTimes, TruncationFacts? Truncated, IReadOnlyList<string> Warnings)
{
    public static RecordedPass From(VideoFacts facts, IReadOnlyList<RecordedSample> samples, PassOutcome outcome) =>
        new(facts, samples, outcome.Scenes, outcome.MotionProfile, [.. outcome.CutSampleTimes.Order()], outcome.Truncated, outcome.Warnings);

    /// <summary>Fills <paramref name="outcome"/> as the recorded pass did when its stream ended.</summary>
    public void Complete(PassOutcome outcome)
    {
        outcome.Scenes = Scenes;
        outcome.MotionProfile = MotionProfile;
        outcome.CutSampleTimes = CutSampleTimes.ToHashSet();
        outcome.Truncated = Truncated;
        outcome.Warnings = Warnings;
    }
}
