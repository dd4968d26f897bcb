using Cuboid.Portfolio;

namespace Cuboid.Generation.Jobs;

/// <summary>
/// The job after its create, and the host's refusal when it answered with an error (429 past the start deadline, 5xx,
/// 4xx, 401, connection refused): then no job exists there and another route may be tried. A create whose outcome is
/// unknown (timeout, cut connection) is not a refusal: the job is marked unknown and never sent elsewhere.
/// </summary>
internal sealed record VideoSubmitOutcome(VideoJob Job, ProviderCallException? Refusal)
{
    public bool Accepted => Refusal is null && Job.ProviderJobId is not null;
}
