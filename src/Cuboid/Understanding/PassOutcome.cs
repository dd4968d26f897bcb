using Cuboid.Understanding.Reports;

namespace Cuboid.Understanding;

/// <summary>What the analysis pass knows once its frame stream has ended: the scenes and the motion profile.</summary>
public sealed class PassOutcome
{
    public IReadOnlyList<ReportScene> Scenes { get; set; } = [];

    public IReadOnlyList<MotionPoint> MotionProfile { get; set; } = [];
}
