using System.Globalization;
using Cuboid.Generation.Catalog;
using Cuboid.Generation.Images;
using Cuboid.Generation.Providers;
using Cuboid.Portfolio;

namespace Cuboid.Generation.Routing;

/// <summary>
/// Orders the routes that can serve a request: first the model by policy (quality: decayed rating; cost: cheapest route;
/// balanced: rating per dollar among models at or above the field's median; latency: the fastest expected route by
/// <see cref="VideoLatencies"/>, measured jobs before catalog figures, unknown last, ties by rating), then within a model
/// the host by price (by expected time under latency), with hosts that refused in this run last. A route that cannot
/// serve the request (no last frame, a duration it does not offer, no key here) is skipped with the reason. Pure: calls nothing.
/// </summary>
internal sealed class VideoRoutePlanner(VideoCatalog catalog, RatingDecay decay, Func<string, string?> hostUnusableReason, VideoLatencies? latencies = null)
{
    private readonly VideoLatencies _latencies = latencies ?? VideoLatencies.None;

    public VideoRoutePlan Plan(VideoRouteRequest request, IReadOnlySet<string>? unhealthyHosts = null)
    {
        var today = decay.Today;
        if (request.Model is { } pinned && catalog.FindModel(pinned) is null)
        {
            throw CuboidException.Usage(CuboidErrorCodes.ModelUnknown, CuboidParameters.Model, $"unknown model '{pinned}'; video models: {string.Join(", ", catalog.Models.Select(m => m.Id))}");
        }

        var field = catalog.Models.Where(m => m.Tasks.Contains(request.Task, StringComparer.Ordinal)).ToList();
        var rated = field.Select(m => m.AsRated()).ToList();
        // An extension continues a clip from its end, so extending models are ranked by their image-to-video ratings.
        var ratedTask = request.Task == "extend" ? "i2v" : request.Task;
        var prior = decay.Prior(rated, ratedTask);
        // The balanced floor moves with the field as it ages, as for every other task: the median of today's
        // effective ratings of the rated, unretired models.
        var floor = RatingDecay.Percentile(rated.Where(m => !m.IsRetired(today))
            .Select(m => decay.Stand(m, ratedTask, prior)).Where(s => s.RawRating is not null).Select(s => s.EffectiveRating), 50);
        var skipped = new List<VideoRouteSkip>();
        var perModel = new List<(VideoModel Model, double Rating, List<VideoRouteCandidate> Routes)>();
        foreach (var model in field)
        {
            if (request.Model is { } only && only != model.Id)
            {
                continue;
            }

            if (model.AsRated().IsRetired(today))
            {
                skipped.Add(new VideoRouteSkip(model.Id, "-", "retired"));
                continue;
            }

            var rating = decay.Stand(model.AsRated(), ratedTask, prior).EffectiveRating;
            var routes = new List<VideoRouteCandidate>();
            foreach (var route in model.Routes.Where(r => r.Serves(request.Task, model)))
            {
                var reason = CannotServe(route, request) ?? CannotExtend(route, request.ExtendSource) ?? hostUnusableReason(route.Host);
                var price = Price(route, request);
                if (reason is null && price is null)
                {
                    reason = ImageTasks.IsImage(request.Task) ? "no price for this size and quality" : "no price for this resolution and audio";
                }

                if (reason is not null)
                {
                    skipped.Add(new VideoRouteSkip(model.Id, route.Id, reason));
                    continue;
                }

                routes.Add(new VideoRouteCandidate(model, route, rating, price!.Value));
            }

            if (routes.Count > 0)
            {
                // Within a model: healthy hosts first, then by price.
                routes.Sort((a, b) => (unhealthyHosts?.Contains(a.Route.Host) == true).CompareTo(unhealthyHosts?.Contains(b.Route.Host) == true) is var h and not 0 ? h
                    : request.Policy == RoutingPolicy.Latency && Seconds(a).CompareTo(Seconds(b)) is var t and not 0 ? t
                    : a.EstimatedCost.CompareTo(b.EstimatedCost));
                perModel.Add((model, rating, routes));
            }
        }

        if (request.Model is { } wanted && field.All(m => m.Id != wanted))
        {
            throw CuboidException.Usage(CuboidErrorCodes.ModelUnsuitable, CuboidParameters.Model, $"model '{wanted}' does not do {request.Task}; it does {string.Join(", ", catalog.FindModel(wanted)!.Tasks)}");
        }

        var ordered = request.Policy switch
        {
            RoutingPolicy.Cost => perModel.OrderBy(m => m.Routes[0].EstimatedCost).ThenByDescending(m => m.Rating),
            RoutingPolicy.Balanced => perModel.OrderByDescending(m => m.Rating >= floor)
                .ThenByDescending(m => m.Rating >= floor ? m.Rating / (double)Math.Max(0.01m, m.Routes[0].EstimatedCost) : m.Rating),
            RoutingPolicy.Latency => perModel.OrderBy(m => Seconds(m.Routes[0])).ThenByDescending(m => m.Rating),
            _ => perModel.OrderByDescending(m => m.Rating),
        };
        return new VideoRoutePlan(request, [.. ordered.ThenBy(m => m.Model.Id, StringComparer.Ordinal).SelectMany(m => m.Routes)], skipped);
    }

    private double Seconds(VideoRouteCandidate candidate) => _latencies.For(candidate.Route) ?? double.MaxValue;

    /// <summary>The estimated dollars for the request on this route: per output second for video, per image for images.</summary>
    public static decimal? Price(VideoRoute route, VideoRouteRequest request) => ImageTasks.IsImage(request.Task)
        ? ImagePricing.Cost(route.ImagePrices, request.Size, request.Quality, Math.Max(1, request.Images))
        : VideoPricing.Cost(route.Prices, Math.Min(request.Size.Width, request.Size.Height), request.Audio, request.Seconds);

    /// <summary>Why a route cannot make this request, or null when it can.</summary>
    public static string? CannotServe(VideoRoute route, VideoRouteRequest request)
    {
        if (ImageTasks.IsImage(request.Task))
        {
            return CannotServeImage(route, request);
        }

        if (request.Task == "extend" && !route.Extend)
        {
            return "no extension";
        }

        if (request.LastFrame && !route.LastFrame)
        {
            return "no last frame";
        }

        if (request.FirstFrame && !route.FirstFrame)
        {
            return "no first frame";
        }

        if (request.ReferenceImages > route.ReferenceImages)
        {
            return string.Create(CultureInfo.InvariantCulture, $"takes {route.ReferenceImages} reference images, not {request.ReferenceImages}");
        }

        if ((request.Task == "extend" ? route.ExtendDurations ?? route.Durations : route.Durations) is { } durations && !durations.Contains(request.Seconds))
        {
            return string.Create(CultureInfo.InvariantCulture, $"no {request.Seconds} s clip (offers {Durations(durations)} s)");
        }

        if (route.Resolutions is { } resolutions && !resolutions.Contains(request.Size.Resolution, StringComparer.OrdinalIgnoreCase)
            && !(request.Size.Resolution == "2160p" && resolutions.Contains("4k", StringComparer.OrdinalIgnoreCase)))
        {
            return $"no {request.Size.Resolution} (offers {string.Join(", ", resolutions)})";
        }

        if (route.AspectRatios is { } aspects && !aspects.Contains(request.Size.AspectRatio, StringComparer.Ordinal))
        {
            return $"no {request.Size.AspectRatio} (offers {string.Join(", ", aspects)})";
        }

        if (request.Audio && !route.Audio)
        {
            return "no audio";
        }

        if (request.Seed && !route.Seed)
        {
            return "no seed";
        }

        return null;
    }

    // Hosts that extend by reference take only their own videos; hosts that take a URL need one they can fetch.
    private string? CannotExtend(VideoRoute route, VideoExtensionSource? source)
    {
        if (source is null)
        {
            return null;
        }

        return (catalog.FindHost(route.Host) is { } host ? VideoApiKinds.ExtensionInput(host.ApiKind) : null) switch
        {
            null => "its host's protocol has no extension",
            VideoExtensionInput.OwnVideo when route.Host != source.Host => $"extends only videos it made (this one was made on {source.Host})",
            VideoExtensionInput.Url when !source.FetchableUrl => $"needs the video at a URL it can fetch ({source.Host} gave none)",
            _ => null,
        };
    }

    private static string? CannotServeImage(VideoRoute route, VideoRouteRequest request)
    {
        if (request.ReferenceImages > route.ReferenceImages)
        {
            return string.Create(CultureInfo.InvariantCulture, $"takes {route.ReferenceImages} reference images, not {request.ReferenceImages}");
        }

        if (route.Sizes is { } sizes && !sizes.Contains(request.Size.ToString(), StringComparer.OrdinalIgnoreCase))
        {
            return $"no {request.Size} (offers {string.Join(", ", sizes)})";
        }

        return request.Seed && !route.Seed ? "no seed" : null;
    }

    // 2-15 rather than fourteen numbers.
    private static string Durations(IReadOnlyList<int> durations) =>
        durations.Count > 3 && durations[^1] - durations[0] == durations.Count - 1
            ? string.Create(CultureInfo.InvariantCulture, $"{durations[0]}-{durations[^1]}")
            : string.Join(", ", durations);
}
