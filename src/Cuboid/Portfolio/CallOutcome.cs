namespace Cuboid.Portfolio;

/// <summary>How one model's part of a routed call ended.</summary>
public enum CallOutcome
{
    /// <summary>The model answered in full.</summary>
    Succeeded,

    /// <summary>The model failed (after its retries); the router moved on or gave up.</summary>
    Failed,

    /// <summary>A stream was cut after part of it had reached the caller; the caller got an error, not a truncated answer.</summary>
    Truncated,

    /// <summary>The caller stopped reading a stream early, or cancelled.</summary>
    Abandoned,

    /// <summary>The model answered (and was paid), but the answer failed the caller's <see cref="AnswerCheck"/>.</summary>
    Rejected,
}
