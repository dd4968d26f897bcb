namespace Cuboid.Generation.LongForm;

/// <summary>A drift report and the pictures its page shows (the anchor, and the frames either side of each join).</summary>
public sealed record DriftMeasurement(DriftReport Report, DriftPicture Anchor, IReadOnlyList<JoinPictures> Joins);
