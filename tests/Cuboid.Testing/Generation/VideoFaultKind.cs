namespace Cuboid.Testing.Generation;

/// <summary>What a scripted video job does differently (see <see cref="VideoFault"/>).</summary>
public enum VideoFaultKind
{
    None,
    RateLimited,
    ServerError,
    FailAfterRunning,
    ExpiredResult,
    DownloadCut,
    LowerResolution,
    HangCreate,
}
