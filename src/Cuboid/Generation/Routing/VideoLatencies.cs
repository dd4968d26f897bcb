using Cuboid.Generation.Catalog;
using Cuboid.Generation.Jobs;

namespace Cuboid.Generation.Routing;

/// <summary>
/// The expected wall-clock seconds of a route, for the <c>latency</c> policy: the median time from create to end of the
/// route's succeeded jobs in the job store when there are at least <see cref="MinimumJobs"/>, else the catalog's
/// <see cref="VideoRoute.ExpectedSeconds"/>, else unknown (ordered last).
/// </summary>
internal sealed class VideoLatencies
{
    public const int MinimumJobs = 3;

    private readonly Dictionary<string, double> _measured;

    private VideoLatencies(Dictionary<string, double> measured) => _measured = measured;

    public static VideoLatencies None { get; } = new(new Dictionary<string, double>(StringComparer.Ordinal));

    /// <summary>Medians over <paramref name="jobs"/> (typically the newest few hundred in the store), per <c>host:model</c>.</summary>
    public static VideoLatencies Measure(IEnumerable<VideoJob> jobs) => new(jobs
        .Where(j => j.State == VideoJobState.Succeeded && j.SubmittedAt is not null && j.FinishedAt is not null)
        .GroupBy(j => $"{j.Host}:{j.HostModel}", StringComparer.Ordinal)
        .Where(g => g.Count() >= MinimumJobs)
        .ToDictionary(g => g.Key, g => Median([.. g.Select(j => (j.FinishedAt!.Value - j.CreatedAt).TotalSeconds)]), StringComparer.Ordinal));

    /// <summary>The seconds expected for a job on <paramref name="route"/>, or null when neither measured nor in the catalog.</summary>
    public double? For(VideoRoute route) => _measured.TryGetValue(route.Id, out var seconds) ? seconds : route.ExpectedSeconds;

    private static double Median(List<double> values)
    {
        values.Sort();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[(values.Count / 2) - 1] + values[values.Count / 2]) / 2;
    }
}
