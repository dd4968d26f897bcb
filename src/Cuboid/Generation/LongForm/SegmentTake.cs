namespace Cuboid.Generation.LongForm;

/// <summary>
/// One render of one segment, as the long-form manifest keeps it: the job (recorded as soon as it is created, so a
/// killed run resumes it instead of paying again), then what was delivered and measured.
/// </summary>
public sealed record SegmentTake
{
    public required int Segment { get; init; }

    /// <summary>1 for the first render, 2 for the first re-render, ...</summary>
    public required int Take { get; init; }

    /// <summary>The job in the job store, or null before the create.</summary>
    public string? JobId { get; init; }

    /// <summary><c>pending</c>, <c>delivered</c> or <c>failed</c>.</summary>
    public string State { get; init; } = Pending;

    public string? StartFrame { get; init; }

    public string? EndFrame { get; init; }

    /// <summary>The job whose video this take extends (the <c>extend</c> strategy), instead of a start frame.</summary>
    public string? Extends { get; init; }

    public string? Path { get; init; }

    /// <summary><c>host:model</c> that rendered it.</summary>
    public string? Route { get; init; }

    public decimal Dollars { get; init; }

    /// <summary>ΔE between its last frame's mean Lab colour and the anchor's.</summary>
    public double? AnchorDeltaE { get; init; }

    /// <summary>ΔE between its first frame and the frame before the join (the previous segment's end or its start keyframe).</summary>
    public double? JoinDeltaE { get; init; }

    public string? FirstFramePng { get; init; }

    public string? LastFramePng { get; init; }

    /// <summary>Mean Lab colour of the last frame: what the next segment's join is compared with.</summary>
    public LabColor? LastColor { get; init; }

    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string Failed = "failed";
}
