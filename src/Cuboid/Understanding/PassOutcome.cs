using Cuboid.Understanding.Reports;

namespace Cuboid.Understanding;

/// <summary>What the analysis pass knows once its frame stream has ended: the scenes, the motion profile and which samples sit on a cut.</summary>
public sealed class PassOutcome
{
    /// <summary>The scenes between the cuts the pass found.</summary>
    public IReadOnlyList<ReportScene> Scenes { get; set; } = [];

    /// <summary>Motion over time, one point per profile bucket.</summary>
    public IReadOnlyList<MotionPoint> MotionProfile { get; set; } = [];

    /// <summary>Times of the samples that are a cut's first frame, whatever reason they streamed with.</summary>
    public IReadOnlySet<double> CutSampleTimes { get; set; } = new HashSet<double>();

    /// <summary>Set when the file is truncated: the pass (and so every sample and scene) ended there.</summary>
    public TruncationFacts? Truncated { get; set; }

    /// <summary>What the decoder complained about (truncation, corrupt frames it skipped), for the report's warnings.</summary>
    public IReadOnlyList<string> Warnings { get; set; } = [];

    /// <summary>A sample that is both an interval tick and a cut keeps the cut reason (it matters more: cuts are kept first).</summary>
    public PlannedFrame Relabel(PlannedFrame frame) =>
        frame.Reason == SampleReasons.Interval && CutSampleTimes.Contains(frame.Time) ? frame with { Reason = SampleReasons.Cut } : frame;

    /// <inheritdoc cref="Relabel(PlannedFrame)"/>
    public ReportSample Relabel(ReportSample sample) =>
        sample.Reason == SampleReasons.Interval && CutSampleTimes.Contains(sample.Time) ? sample with { Reason = SampleReasons.Cut } : sample;
}
