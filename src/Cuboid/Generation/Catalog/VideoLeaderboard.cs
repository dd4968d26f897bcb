using Cuboid.Portfolio;

namespace Cuboid.Generation.Catalog;

/// <summary>The video models of a task (<c>t2v</c>, <c>i2v</c>, <c>extend</c>) by decayed rating, for <c>cuboid models --task t2v</c>.</summary>
internal static class VideoLeaderboard
{
    public static readonly IReadOnlyList<string> Tasks = ["t2v", "i2v", "extend"];

    public static IReadOnlyList<VideoLeaderboardEntry> Build(VideoCatalog catalog, RatingDecay decay, VideoHostDirectory hosts, string task)
    {
        var field = catalog.Models.Where(m => m.Tasks.Contains(task, StringComparer.Ordinal)).ToList();
        var prior = decay.Prior([.. field.Select(m => m.AsRated())], task);
        return [.. field.Select(model =>
        {
            var standing = decay.Stand(model.AsRated(), task, prior);
            var routes = model.Routes.Where(r => r.Serves(task, model)).ToList();
            return new VideoLeaderboardEntry(task, model.Id, model.Name, standing.RawRating, standing.EffectiveRating, standing.AgeDays,
                routes.SelectMany(r => r.Prices).Select(p => (decimal?)p.PerSecond).Min(),
                [.. routes.Select(r => r.Id)],
                Capabilities(routes),
                routes.Any(r => hosts.UnusableReason(r.Host) is null));
        }).OrderByDescending(e => e.EffectiveRating).ThenBy(e => e.ModelId, StringComparer.Ordinal)];
    }

    private static List<string> Capabilities(List<VideoRoute> routes)
    {
        var capabilities = new List<string>();
        if (routes.SelectMany(r => r.Durations ?? []).Distinct().Order().ToList() is { Count: > 0 } durations)
        {
            capabilities.Add($"{durations[0]}-{durations[^1]} s");
        }

        if (routes.SelectMany(r => r.Resolutions ?? []).Distinct(StringComparer.OrdinalIgnoreCase).ToList() is { Count: > 0 } resolutions)
        {
            capabilities.Add(string.Join("/", resolutions));
        }

        foreach (var (has, name) in new[] { (routes.Any(r => r.FirstFrame), "first frame"), (routes.Any(r => r.LastFrame), "last frame"), (routes.Any(r => r.Audio), "audio"), (routes.Any(r => r.Seed), "seed"), (routes.Any(r => r.Extend), "extend") })
        {
            if (has)
            {
                capabilities.Add(name);
            }
        }

        return capabilities;
    }
}
