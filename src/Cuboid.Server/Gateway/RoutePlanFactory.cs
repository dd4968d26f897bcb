using Cuboid.Portfolio;

namespace Cuboid.Server.Gateway;

/// <summary>The route plan of a request for a model choice (its estimate is the request's own).</summary>
public delegate RoutePlan RoutePlanFactory(ModelChoice choice);
