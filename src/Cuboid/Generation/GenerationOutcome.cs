using Cuboid.Generation.Jobs;
using Cuboid.Generation.Routing;

namespace Cuboid.Generation;

/// <summary>The job that was started (and, when waited for, finished), the plan it came from, and the routes that refused before it started.</summary>
public sealed record GenerationOutcome(VideoJob Job, VideoRoutePlan Plan, IReadOnlyList<VideoJob> RefusedBeforeStart);
