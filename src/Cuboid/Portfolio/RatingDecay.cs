namespace Cuboid.Portfolio;

/// <summary>
/// Ratings that lose weight as they age: effective = min(rating, prior + (rating - prior) * 2^(-age / half-life)),
/// where the prior is a low quantile (default the 25th percentile) of the latest ratings of the task's field
/// (models serving the task and not retired). Old evidence never makes a model look better than it was
/// measured: a strong old model sinks toward the low end of the field, under fresh ones; a weak one stays where it was.
/// </summary>
public sealed class RatingDecay
{
    /// <summary>Thirty days: a rating a month old counts half.</summary>
    public static readonly TimeSpan DefaultHalfLife = TimeSpan.FromDays(30);

    /// <summary>The default prior: the 25th percentile of the field, so an old or missing rating counts as below most of it.</summary>
    public const double DefaultPriorPercentile = 25;

    private readonly TimeProvider _time;

    /// <summary>Decay with <paramref name="halfLife"/> (default 30 days) on <paramref name="timeProvider"/>'s clock, rating unrated models at <paramref name="priorPercentile"/> of their field.</summary>
    public RatingDecay(TimeSpan? halfLife = null, TimeProvider? timeProvider = null, double priorPercentile = DefaultPriorPercentile)
    {
        HalfLife = halfLife ?? DefaultHalfLife;
        if (HalfLife <= TimeSpan.Zero)
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.HalfLife, $"the rating half-life must be positive, not {HalfLife.TotalDays} days");
        }

        if (priorPercentile is < 0 or > 100 || double.IsNaN(priorPercentile))
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.PriorPercentile, $"the rating prior percentile must be between 0 and 100, not {priorPercentile}");
        }

        PriorPercentile = priorPercentile;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The age at which a rating counts half.</summary>
    public TimeSpan HalfLife { get; }

    /// <summary>Which percentile of the field's ratings stale evidence decays toward (0-100).</summary>
    public double PriorPercentile { get; }

    /// <summary>The current time on the decay's clock.</summary>
    public DateTimeOffset Now => _time.GetUtcNow();

    /// <summary>Today's date (UTC) on the decay's clock.</summary>
    public DateOnly Today => DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);

    /// <summary>The newest rating of a model for a task, if it has one.</summary>
    public static ModelRating? Latest(CatalogModel model, string task) =>
        model.Ratings?.Where(r => r.Task == task).MaxBy(r => r.Observed);

    /// <summary>The <see cref="PriorPercentile"/> of the latest ratings among the task's field; 0 when nobody in the field is rated.</summary>
    public double Prior(IEnumerable<CatalogModel> catalog, string task) => FieldPercentile(catalog, task, PriorPercentile);

    /// <summary>The model's effective rating for <paramref name="task"/>: its latest rating decayed towards <paramref name="prior"/> by age (never lifted above what was measured), or the prior when unrated.</summary>
    public RatingStanding Stand(CatalogModel model, string task, double prior)
    {
        var latest = Latest(model, task);
        if (latest is null)
        {
            return new RatingStanding(model.Id, task, null, null, null, null, prior, prior);
        }

        var observedAt = new DateTimeOffset(latest.Observed.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        // A rating dated in the future (clock skew, typo) counts as fresh rather than extra-weighted.
        var age = Math.Max(0, (_time.GetUtcNow() - observedAt).TotalDays);
        var decayed = prior + ((latest.Rating - prior) * Math.Pow(2, -age / HalfLife.TotalDays));
        // Below the prior, decaying toward it would lift a weak model on nothing but age: it keeps its measured rating.
        var effective = Math.Min(latest.Rating, decayed);
        return new RatingStanding(model.Id, task, latest.Rating, latest.Source, latest.Observed, age, effective, prior);
    }

    /// <summary>Standings of every model serving the task (retired ones included, so a leaderboard can show them).</summary>
    public IReadOnlyList<RatingStanding> StandAll(IReadOnlyList<CatalogModel> catalog, string task)
    {
        var prior = Prior(catalog, task);
        return [.. catalog.Where(m => m.Serves(task)).Select(m => Stand(m, task, prior))];
    }

    /// <summary>A percentile of the field's latest ratings.</summary>
    private double FieldPercentile(IEnumerable<CatalogModel> catalog, string task, double percentile)
    {
        var today = Today;
        return Percentile(catalog
            .Where(m => m.Serves(task) && !m.IsRetired(today))
            .Select(m => Latest(m, task))
            .OfType<ModelRating>()
            .Select(r => r.Rating), percentile);
    }

    /// <summary>A percentile (0-100) of some ratings, interpolated linearly between neighbours (the 50th is the median); 0 for none.</summary>
    public static double Percentile(IEnumerable<double> ratings, double percentile)
    {
        var sorted = ratings.Order().ToArray();
        if (sorted.Length == 0)
        {
            return 0;
        }

        var position = percentile / 100 * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + ((sorted[above] - sorted[below]) * (position - below));
    }
}
