using Cuboid.Generation.Routing;
using Microsoft.Extensions.AI;

namespace Cuboid.Generation.Images;

/// <summary>A routed image call: the images delivered, the route that made them, the dollars booked, and the routes that failed before it.</summary>
public sealed record ImageOutcome(IReadOnlyList<DataContent> Images, VideoRouteCandidate Route, decimal Dollars, VideoRoutePlan Plan, IReadOnlyList<string> FailedRoutes)
{
    /// <summary>The delivered size of each image (from its header), or null where the header could not be read.</summary>
    public IReadOnlyList<VideoSize?> Sizes => [.. Images.Select(i => ImageHeader.Size(i.Data.Span))];
}
