namespace Cuboid.Generation.LongForm;

/// <summary>
/// One render of one segment, as the long-form manifest keeps it: the job (recorded as soon as it is created, so a
/// killed run resumes it instead of paying again), then what was delivered and measured.
/// </summary>
public sealed record SegmentTake
{
    /// <summary>The segment's index in the storyboard, from 0.</summary>
    public required int Segment { get; init; }

    /// <summary>1 for the first render, 2 for the first re-render, ...</summary>
    public required int Take { get; init; }

    /// <summary>The job in the job store, or null before the create.</summary>
    public string? JobId { get; init; }

    /// <summary><c>pending</c>, <c>delivered</c> or <c>failed</c>.</summary>
    public string State { get; init; } = Pending;

    /// <summary>The start-frame image the take was rendered from; null when it started from text or extends a job.</summary>
    public string? StartFrame { get; init; }

    /// <summary>The end-frame image it was asked to end on; null for none.</summary>
    public string? EndFrame { get; init; }

    /// <summary>The job whose video this take extends (the <c>extend</c> strategy), instead of a start frame.</summary>
    public string? Extends { get; init; }

    /// <summary>The delivered clip's file; null until delivered.</summary>
    public string? Path { get; init; }

    /// <summary><c>host:model</c> that rendered it.</summary>
    public string? Route { get; init; }

    /// <summary>Dollars the delivered take cost (settled, else the estimate); 0 until delivered.</summary>
    public decimal Dollars { get; init; }

    /// <summary>ΔE between its last frame's mean Lab colour and the anchor's.</summary>
    public double? AnchorDeltaE { get; init; }

    /// <summary>ΔE between its first frame and the frame before the join (the previous segment's end or its start keyframe).</summary>
    public double? JoinDeltaE { get; init; }

    /// <summary>The take's first frame as a PNG file, for the drift page; null until measured.</summary>
    public string? FirstFramePng { get; init; }

    /// <summary>The take's last frame as a PNG file, the next segment's start in the chain strategy; null until measured.</summary>
    public string? LastFramePng { get; init; }

    /// <summary>Mean Lab colour of the last frame: what the next segment's join is compared with.</summary>
    public LabColor? LastColor { get; init; }

    /// <summary><see cref="State"/> of a take whose job has not delivered yet.</summary>
    public const string Pending = "pending";
    /// <summary><see cref="State"/> of a take whose clip was delivered and measured.</summary>
    public const string Delivered = "delivered";
    /// <summary><see cref="State"/> of a take whose job failed.</summary>
    public const string Failed = "failed";
}
