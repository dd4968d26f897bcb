namespace Cuboid.Understanding;

internal enum TimelineKind
{
    /// <summary>A caption of a sampled frame.</summary>
    Frame,

    /// <summary>A transcript segment.</summary>
    Speech,

    /// <summary>Notes the reasoner wrote about a window of a long video (map-reduce).</summary>
    Notes,
}
