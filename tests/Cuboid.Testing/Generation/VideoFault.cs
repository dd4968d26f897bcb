namespace Cuboid.Testing.Generation;

/// <summary>
/// One scripted behaviour for one create request, queued per host model with <see cref="VideoHostSimulator.Script"/>:
/// the create itself fails (429, 5xx), or the job it makes misbehaves later (fails after running, its result URL has
/// expired, its first download is cut midway, it is rendered smaller than asked), or the create is accepted but its
/// answer is held back (for crash tests).
/// </summary>
public sealed record VideoFault(VideoFaultKind Kind, int StatusCode = 200, TimeSpan? Delay = null)
{
    public static VideoFault Ok { get; } = new(VideoFaultKind.None);

    /// <summary>The create answers 429 with Retry-After.</summary>
    public static VideoFault RateLimited(TimeSpan? retryAfter = null) => new(VideoFaultKind.RateLimited, 429, retryAfter ?? TimeSpan.FromSeconds(1));

    /// <summary>The create answers a 5xx; no job is made.</summary>
    public static VideoFault ServerError(int statusCode = 500) => new(VideoFaultKind.ServerError, statusCode);

    /// <summary>The job runs, then fails.</summary>
    public static VideoFault FailAfterRunning { get; } = new(VideoFaultKind.FailAfterRunning);

    /// <summary>The job succeeds, but its output is gone (404) when fetched.</summary>
    public static VideoFault ExpiredResult { get; } = new(VideoFaultKind.ExpiredResult);

    /// <summary>The job succeeds; its first download stops halfway (the Content-Length promised more).</summary>
    public static VideoFault DownloadCut { get; } = new(VideoFaultKind.DownloadCut);

    /// <summary>The job succeeds at half the asked width and height (a 720p result for a 1080p request).</summary>
    public static VideoFault LowerResolution { get; } = new(VideoFaultKind.LowerResolution);

    /// <summary>The job is made, but the create's answer waits <paramref name="delay"/> (the client may die meanwhile).</summary>
    public static VideoFault HangCreate(TimeSpan delay) => new(VideoFaultKind.HangCreate, 200, delay);
}
