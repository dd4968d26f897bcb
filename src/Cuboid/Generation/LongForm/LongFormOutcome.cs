namespace Cuboid.Generation.LongForm;

/// <summary>A finished long-form run: the joined video, the segments kept, the gates tripped, the drift measured on the
/// joined video, the dollars spent (including a resumed run's earlier spend), and warnings.</summary>
public sealed record LongFormOutcome(
    string Folder,
    string VideoPath,
    Storyboard Storyboard,
    IReadOnlyList<SegmentTake> Segments,
    IReadOnlyList<GateEvent> Gates,
    DriftMeasurement Drift,
    decimal Dollars,
    int ResumedSegments,
    IReadOnlyList<string> Warnings);
