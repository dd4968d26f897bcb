using Cuboid.Generation.Catalog;

namespace Cuboid.Generation.Routing;

/// <summary>A route that can serve the request, in the order it will be tried: the model, the route, its decayed rating and the estimated price.</summary>
public sealed record VideoRouteCandidate(VideoModel Model, VideoRoute Route, double EffectiveRating, decimal EstimatedCost);
