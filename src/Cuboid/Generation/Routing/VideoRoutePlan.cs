namespace Cuboid.Generation.Routing;

/// <summary>The routes to try, in order, and the ones skipped with their reasons.</summary>
public sealed record VideoRoutePlan(VideoRouteRequest Request, IReadOnlyList<VideoRouteCandidate> Candidates, IReadOnlyList<VideoRouteSkip> Skipped)
{
    /// <summary>The route tried first; null when every route was skipped.</summary>
    public VideoRouteCandidate? First => Candidates.Count > 0 ? Candidates[0] : null;
}
