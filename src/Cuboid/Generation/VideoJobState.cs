namespace Cuboid.Generation;

/// <summary>
/// The one normalised state of a video job, whatever the host calls it (the host's own word is kept beside it).
/// <see cref="Submitting"/> is Cuboid's own: the job is recorded before the create request is sent, so a process that
/// dies between sending and the answer leaves a trace instead of a job nobody knows about.
/// </summary>
public enum VideoJobState
{
    /// <summary>Recorded; the create request is being sent (Cuboid's state, never a host's).</summary>
    Submitting,

    /// <summary>Accepted by the host; not yet queued, or the host gives no finer detail.</summary>
    Pending,

    /// <summary>Waiting for capacity.</summary>
    Queued,

    /// <summary>Held back by the host's rate or concurrency limit.</summary>
    Throttled,

    /// <summary>Being generated.</summary>
    Running,

    /// <summary>Finished with at least one output.</summary>
    Succeeded,

    /// <summary>The host reported failure (or finished without an output).</summary>
    Failed,

    /// <summary>Cancelled by the user or the host.</summary>
    Cancelled,

    /// <summary>Dropped before it ran, or its outputs were deleted before they were downloaded.</summary>
    Expired,

    /// <summary>A start deadline passed before it started; not billed.</summary>
    Aborted,

    /// <summary>The host does not know the job, or a create cut short by a crash could not be reconciled.</summary>
    Unknown,
}
