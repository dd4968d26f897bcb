namespace Cuboid.Generation.Routing;

/// <summary>The routes to try, in order, and the ones skipped with their reasons.</summary>
public sealed record VideoRoutePlan(VideoRouteRequest Request, IReadOnlyList<VideoRouteCandidate> Candidates, IReadOnlyList<VideoRouteSkip> Skipped)
{
    public VideoRouteCandidate? First => Candidates.Count > 0 ? Candidates[0] : null;
}
