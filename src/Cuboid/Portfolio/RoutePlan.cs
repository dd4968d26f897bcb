namespace Cuboid.Portfolio;

/// <summary>
/// The models the router would try for a task, best first, with their prices and the reasons the others
/// were left out. Computing a plan calls no model.
/// </summary>
public sealed record RoutePlan(string Task, RoutingPolicy Policy, RequestEstimate Estimate, IReadOnlyList<RouteCandidate> Candidates, IReadOnlyList<RouteExclusion> Excluded)
{
    /// <summary>The model the router would try first, or null when none qualifies.</summary>
    public RouteCandidate? First => Candidates.Count > 0 ? Candidates[0] : null;
}
