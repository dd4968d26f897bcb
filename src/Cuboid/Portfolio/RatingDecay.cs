namespace Cuboid.Portfolio;

/// <summary>
/// Ratings that lose weight as they age: effective = prior + (rating - prior) * 2^(-age / half-life),
/// where the prior is the median of the latest ratings of the task's field (models serving the task and
/// not retired). Stale evidence sinks toward the middle of the field; fresh evidence wins.
/// </summary>
public sealed class RatingDecay
{
    public static readonly TimeSpan DefaultHalfLife = TimeSpan.FromDays(30);

    private readonly TimeProvider _time;

    public RatingDecay(TimeSpan? halfLife = null, TimeProvider? timeProvider = null)
    {
        HalfLife = halfLife ?? DefaultHalfLife;
        if (HalfLife <= TimeSpan.Zero)
        {
            throw CuboidException.Usage($"the rating half-life must be positive, not {HalfLife.TotalDays} days");
        }

        _time = timeProvider ?? TimeProvider.System;
    }

    public TimeSpan HalfLife { get; }

    public DateTimeOffset Now => _time.GetUtcNow();

    public DateOnly Today => DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);

    /// <summary>The newest rating of a model for a task, if it has one.</summary>
    public static ModelRating? Latest(CatalogModel model, string task) =>
        model.Ratings?.Where(r => r.Task == task).MaxBy(r => r.Observed);

    /// <summary>The median latest rating among the task's field; 0 when nobody in the field is rated.</summary>
    public double Prior(IEnumerable<CatalogModel> catalog, string task)
    {
        var today = Today;
        var ratings = catalog
            .Where(m => m.Serves(task) && !m.IsRetired(today))
            .Select(m => Latest(m, task))
            .OfType<ModelRating>()
            .Select(r => r.Rating)
            .Order()
            .ToArray();
        if (ratings.Length == 0)
        {
            return 0;
        }

        var mid = ratings.Length / 2;
        return ratings.Length % 2 == 1 ? ratings[mid] : (ratings[mid - 1] + ratings[mid]) / 2;
    }

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
        var effective = prior + ((latest.Rating - prior) * Math.Pow(2, -age / HalfLife.TotalDays));
        return new RatingStanding(model.Id, task, latest.Rating, latest.Source, latest.Observed, age, effective, prior);
    }

    /// <summary>Standings of every model serving the task (retired ones included, so a leaderboard can show them).</summary>
    public IReadOnlyList<RatingStanding> StandAll(IReadOnlyList<CatalogModel> catalog, string task)
    {
        var prior = Prior(catalog, task);
        return [.. catalog.Where(m => m.Serves(task)).Select(m => Stand(m, task, prior))];
    }
}
