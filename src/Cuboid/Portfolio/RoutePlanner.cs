using System.Collections.Concurrent;
using System.Globalization;

namespace Cuboid.Portfolio;

/// <summary>
/// Orders the catalog models for a task: keeps those whose provider is usable and which meet the
/// constraints, then sorts them by the policy. Pure: it reads the catalog, ratings and observations, and calls nothing.
/// </summary>
internal sealed class RoutePlanner(ModelCatalog catalog, RatingDecay decay, ProviderDirectory providers, PortfolioSettings settings, LatencyTracker latency)
{
    /// <summary>How long a task's field (its models, prior and decayed ratings) is reused: a minute moves a 30-day decay by 0.002 %.</summary>
    private static readonly TimeSpan FieldLifetime = TimeSpan.FromMinutes(1);

    private const string Excluded = "excluded";

    private readonly ConcurrentDictionary<string, TaskField> _fields = new(StringComparer.Ordinal);

    public RoutePlan Plan(string task, RouteConstraints constraints, RequestEstimate estimate, bool budgetActive, bool explain)
    {
        var taskSettings = settings.Tasks.GetValueOrDefault(task);
        var policy = constraints.Policy ?? settings.PolicyFor(task);
        var field = FieldOf(task);
        var excluded = new List<RouteExclusion>();
        var kept = new List<Entry>(field.Models.Length + 1);

        // A model the config names for this task goes first; the policy orders the fallbacks.
        var preferred = constraints.PinnedModel is null ? taskSettings?.Model : null;
        foreach (var (model, standing) in Pool(task, constraints, field, preferred))
        {
            var priced = CallPricer.IsPriced(model, estimate);
            var cost = priced ? CallPricer.Estimate(model, estimate) : 0m;
            var reason = WhyExcluded(model, constraints, estimate, field.Today, budgetActive, priced, cost, explain);
            if (reason is null)
            {
                kept.Add(new Entry(model, standing, cost, priced, policy == RoutingPolicy.Latency ? latency.Median(task, model.Id) : null));
            }
            else
            {
                excluded.Add(new RouteExclusion(model.Id, reason));
            }
        }

        var floor = constraints.QualityFloor ?? taskSettings?.QualityFloor ?? field.Median;
        IEnumerable<Entry> ordered = policy switch
        {
            RoutingPolicy.Cost => kept.OrderBy(c => c.Cost).ThenByDescending(c => c.Standing.EffectiveRating),
            RoutingPolicy.Latency => kept
                .OrderBy(c => c.Latency ?? TimeSpan.MaxValue)
                .ThenByDescending(c => c.Standing.EffectiveRating),
            RoutingPolicy.Balanced => kept
                .OrderBy(c => c.Standing.EffectiveRating >= floor ? 0 : 1)
                .ThenByDescending(c => c.Standing.EffectiveRating >= floor ? QualityPerDollar(c.Standing.EffectiveRating, c.Cost) : 0)
                .ThenByDescending(c => c.Standing.EffectiveRating),
            _ => kept.OrderByDescending(c => c.Standing.EffectiveRating).ThenBy(c => c.Cost),
        };

        if (preferred is not null)
        {
            ordered = ordered.OrderBy(c => c.Model.Id == preferred ? 0 : 1);
        }

        var candidates = ordered.Select((c, i) => new RouteCandidate
        {
            Rank = i + 1,
            Model = c.Model,
            EffectiveRating = c.Standing.EffectiveRating,
            RawRating = c.Standing.RawRating,
            RatingAgeDays = c.Standing.AgeDays,
            EstimatedCost = c.Cost,
            Priced = c.Priced,
            ObservedLatency = explain ? latency.Median(task, c.Model.Id) : c.Latency,
            Why = explain ? Why(task, c.Model, c.Standing, c.Cost, c.Priced, policy, floor, preferred) : string.Empty,
        }).ToList();
        return new RoutePlan(task, policy, estimate, candidates, excluded);
    }

    /// <summary>The models serving a task, the field's prior and their decayed ratings, reused for <see cref="FieldLifetime"/>.</summary>
    private TaskField FieldOf(string task)
    {
        var now = decay.Now;
        if (_fields.TryGetValue(task, out var field) && now >= field.At && now - field.At < FieldLifetime)
        {
            return field;
        }

        var models = catalog.Models.Where(m => m.Serves(task)).ToArray();
        var prior = decay.Prior(catalog.Models, task);
        var standings = models.Select(m => decay.Stand(m, task, prior)).ToArray();
        // The floor moves with the field as it ages: the median of today's effective ratings of the rated, unretired models.
        var median = RatingDecay.Percentile(models.Zip(standings).Where(p => p.Second.RawRating is not null && !p.First.IsRetired(decay.Today)).Select(p => p.Second.EffectiveRating), 50);
        field = new TaskField(now, decay.Today, prior, median, models, standings);
        _fields[task] = field;
        return field;
    }

    private IEnumerable<(CatalogModel Model, RatingStanding Standing)> Pool(string task, RouteConstraints constraints, TaskField field, string? preferred)
    {
        if (constraints.PinnedModel is null)
        {
            var pool = field.Models.Zip(field.Standings);
            if (preferred is null || Array.Exists(field.Models, m => m.Id == preferred))
            {
                return pool;
            }

            // The config names a model the catalog does not list for this task: honour it as --model would, ahead of the field.
            var extra = ModelFor(task, preferred);
            return pool.Prepend((extra, decay.Stand(extra, task, field.Prior)));
        }

        var model = ModelFor(task, constraints.PinnedModel);
        var index = Array.IndexOf(field.Models, model);
        return [(model, index >= 0 ? field.Standings[index] : decay.Stand(model, task, field.Prior))];
    }

    /// <param name="Prior">What stale or missing ratings decay toward (a low percentile of the field).</param>
    /// <param name="Median">The balanced policy's default quality floor: the median effective rating of the field.</param>
    private sealed record TaskField(DateTimeOffset At, DateOnly Today, double Prior, double Median, CatalogModel[] Models, RatingStanding[] Standings);

    private readonly record struct Entry(CatalogModel Model, RatingStanding Standing, decimal Cost, bool Priced, TimeSpan? Latency);

    private CatalogModel ModelFor(string task, string pinned)
    {
        var id = ModelId.Parse(pinned);
        var model = catalog.FindModel(id.ToString());
        if (model is not null)
        {
            return model;
        }

        if (providers.Status(id.Provider) is null)
        {
            throw CuboidException.Usage(CuboidErrorCodes.ModelUnknown, CuboidParameters.Model, $"unknown provider '{id.Provider}' in {pinned}; known providers are in 'cuboid models' and the config's endpoints");
        }

        // A model the catalog does not list (e.g. on a custom endpoint): usable, but unpriced and unrated.
        return new CatalogModel { Id = id.ToString(), Tasks = [task], Input = ["text", "image", "audio"] };
    }

    private string? WhyExcluded(CatalogModel model, RouteConstraints constraints, RequestEstimate estimate, DateOnly today, bool budgetActive, bool priced, decimal cost, bool explain)
    {
        if (model.ShutDown is { } shutDown && shutDown <= today)
        {
            return explain ? $"shut down on {shutDown:yyyy-MM-dd}" : Excluded;
        }

        if (model.Deprecated is { } deprecated && deprecated <= today)
        {
            return explain ? $"deprecated on {deprecated:yyyy-MM-dd}" : Excluded;
        }

        if (constraints.AllowedProviders is { } allowed && !allowed.Contains(model.Provider, StringComparer.Ordinal))
        {
            return explain ? "provider not in the allowed list" : Excluded;
        }

        if (constraints.DeniedProviders?.Contains(model.Provider, StringComparer.Ordinal) == true)
        {
            return "provider denied";
        }

        if (providers.WhyNotUsable(model.Provider) is { } unusable)
        {
            return explain ? $"not usable here: {unusable}" : Excluded;
        }

        if ((estimate.NeedsImages || constraints.NeedsImages) && !model.Accepts("image"))
        {
            return "takes no image input";
        }

        if (estimate.AudioSeconds > 0 && !model.Accepts("audio"))
        {
            return "takes no audio input";
        }

        if (estimate.VideoSeconds > 0 && !model.Accepts("video"))
        {
            return "takes no video input";
        }

        var needed = estimate.InputTokensOn(model) + estimate.OutputTokensOn(model);
        if (model.ContextWindow is { } window && (needed > window || constraints.MinContextWindow > window))
        {
            return explain ? $"context window {window:N0} tokens is below the ~{Math.Max(needed, constraints.MinContextWindow ?? 0):N0} needed" : Excluded;
        }

        if (!priced && budgetActive)
        {
            return "no catalog price for this call while a budget is set";
        }

        if (constraints.MaxCostPerCall is { } maxCost && cost > maxCost)
        {
            return explain ? $"estimated {Dollars(cost)} per call is above the {Dollars(maxCost)} limit" : Excluded;
        }

        if (constraints.MaxInputPricePerMTok is { } maxPrice && (model.Prices?.InputPerMTok ?? 0) > maxPrice)
        {
            return explain ? $"input price {Dollars(model.Prices!.InputPerMTok!.Value)}/1M tokens is above the {Dollars(maxPrice)} limit" : Excluded;
        }

        return null;
    }

    private static double QualityPerDollar(double rating, decimal cost) => cost <= 0 ? double.MaxValue : rating / (double)cost;

    private string Why(string task, CatalogModel model, RatingStanding standing, decimal cost, bool priced, RoutingPolicy policy, double floor, string? preferred)
    {
        var rating = standing.RawRating is { } raw
            ? string.Create(CultureInfo.InvariantCulture, $"rating {standing.EffectiveRating:0.0} (raw {raw:0.#} from {standing.Source}, {standing.AgeDays:0} d old)")
            : string.Create(CultureInfo.InvariantCulture, $"unrated, stands at the field's prior {standing.EffectiveRating:0.0}");
        var price = priced ? $"~{Dollars(cost)} per call" : "unpriced";
        var lead = model.Id == preferred ? "config default for the task; " : policy switch
        {
            RoutingPolicy.Balanced when standing.EffectiveRating < floor => string.Create(CultureInfo.InvariantCulture, $"below the quality floor {floor:0.0}; "),
            RoutingPolicy.Latency when latency.Median(task, model.Id) is { } median => $"observed median {median.TotalMilliseconds:0} ms; ",
            RoutingPolicy.Latency => "latency not observed yet; ",
            _ => string.Empty,
        };
        var status = providers.Status(model.Provider)?.Reason ?? string.Empty;
        return $"{lead}{rating}; {price}; {status}";
    }

    internal static string Dollars(decimal value) =>
        value == 0 ? "$0" : value < 0.01m ? "$" + value.ToString("0.##########", CultureInfo.InvariantCulture) : "$" + value.ToString("0.00##", CultureInfo.InvariantCulture);
}
