using Cuboid.Portfolio;
using Microsoft.Extensions.Time.Testing;

namespace Cuboid.Tests.Portfolio;

public class RatingDecayTests
{
    private static CatalogModel Rated(string id, double rating, DateOnly observed, DateOnly? shutDown = null) => new()
    {
        Id = id,
        Tasks = ["caption"],
        Ratings = [new ModelRating("caption", rating, "test", observed)],
        ShutDown = shutDown,
    };

    private static readonly DateOnly Day0 = new(2026, 10, 1);

    private static FakeTimeProvider ClockAt(DateOnly day) => new(new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));

    [Fact]
    public void Effective_rating_halves_its_distance_to_the_prior_every_half_life()
    {
        CatalogModel[] field = [Rated("a:x", 90, Day0), Rated("a:y", 70, Day0), Rated("a:z", 60, Day0)];
        var clock = ClockAt(Day0);
        var decay = new RatingDecay(TimeSpan.FromDays(30), clock);
        var prior = decay.Prior(field, "caption");

        // The 25th percentile of 60, 70, 90, interpolated: a quarter of the way from 60 to 90 by rank.
        Assert.Equal(65, prior, 9);
        Assert.Equal(90, decay.Stand(field[0], "caption", prior).EffectiveRating, 9);
        clock.Advance(TimeSpan.FromDays(30));
        Assert.Equal(77.5, decay.Stand(field[0], "caption", prior).EffectiveRating, 9);
        clock.Advance(TimeSpan.FromDays(30));
        Assert.Equal(71.25, decay.Stand(field[0], "caption", prior).EffectiveRating, 9);
        Assert.Equal(60, decay.Stand(field[2], "caption", prior).AgeDays!.Value, 9);
    }

    [Fact]
    public void Half_life_and_prior_percentile_are_configurable()
    {
        CatalogModel[] field = [Rated("a:x", 90, Day0), Rated("a:y", 70, Day0)];
        var clock = ClockAt(Day0.AddDays(10));
        var decay = new RatingDecay(TimeSpan.FromDays(10), clock);

        var standing = decay.Stand(field[0], "caption", decay.Prior(field, "caption"));

        Assert.Equal(75, decay.Prior(field, "caption"), 9);
        Assert.Equal(82.5, standing.EffectiveRating, 9);
        Assert.Equal(80, new RatingDecay(TimeSpan.FromDays(10), clock, priorPercentile: 50).Prior(field, "caption"), 9);
        Assert.Equal(70, new RatingDecay(TimeSpan.FromDays(10), clock, priorPercentile: 0).Prior(field, "caption"), 9);
        Assert.Throws<CuboidException>(() => new RatingDecay(TimeSpan.Zero, clock));
        Assert.Throws<CuboidException>(() => new RatingDecay(null, clock, priorPercentile: 101));
    }

    [Fact]
    public void The_configs_prior_percentile_reaches_the_router()
    {
        CatalogModel[] models = [Rated("a:x", 90, Day0), Rated("a:y", 70, Day0)];
        var catalog = new ModelCatalog { Providers = [new CatalogProvider { Id = "a", ApiKind = "openai", BaseUrl = "http://127.0.0.1:9/v1" }], Models = models };
        var settings = new PortfolioSettings { PriorPercentile = 50 };

        var portfolio = new ModelRouter(catalog, settings, [], timeProvider: ClockAt(Day0.AddDays(30)));

        Assert.Equal(80, portfolio.Decay.Prior(models, "caption"), 9);
        Assert.Equal(85, portfolio.Leaderboard("caption")[0].EffectiveRating, 9);
        Assert.Throws<CuboidException>(() => new PortfolioSettings { PriorPercentile = -1 }.Validate());
    }

    [Fact]
    public void Old_evidence_never_makes_a_model_look_better_than_it_was_measured()
    {
        // The shipped caption field as the user met it: llama3.2-vision measured 51 nine months ago rose to 71 toward
        // the median and outranked qwen2.5vl:7b, measured 60.
        var catalog = ModelCatalog.Shipped();
        var decay = new RatingDecay(null, ClockAt(new DateOnly(2026, 12, 5)));
        var prior = decay.Prior(catalog.Models, "caption");
        var llama = decay.Stand(catalog.FindModel("ollama:llama3.2-vision")!, "caption", prior);
        var qwen = decay.Stand(catalog.FindModel("ollama:qwen2.5vl:7b")!, "caption", prior);

        Assert.True(llama.AgeDays > 250);
        Assert.Equal(llama.RawRating!.Value, llama.EffectiveRating, 9);
        Assert.True(qwen.EffectiveRating > llama.EffectiveRating, $"qwen {qwen.EffectiveRating} should outrank llama {llama.EffectiveRating}");

        // However far the clock moves, a weak rating only stays or sinks; a strong one sinks toward the prior, never under it.
        var later = new RatingDecay(null, ClockAt(new DateOnly(2027, 3, 5)));
        foreach (var model in catalog.Models.Where(m => m.Serves("caption") && RatingDecay.Latest(m, "caption") is not null))
        {
            var raw = RatingDecay.Latest(model, "caption")!.Rating;
            var before = decay.Stand(model, "caption", prior).EffectiveRating;
            Assert.True(before <= raw, $"{model.Id}: {before} above its measured {raw}");
            var after = later.Stand(model, "caption", prior).EffectiveRating;
            Assert.True(after <= before, $"{model.Id}: rose from {before} to {after} as it aged");
            Assert.True(after >= Math.Min(raw, prior), $"{model.Id}: sank to {after}, under both its rating and the prior");
        }
    }

    [Fact]
    public void Fresh_evidence_overtakes_stale_evidence()
    {
        CatalogModel[] field =
        [
            Rated("a:stale", 95, Day0.AddDays(-120)),
            Rated("a:fresh", 75, Day0),
            Rated("a:mid1", 70, Day0),
            Rated("a:mid2", 70, Day0),
        ];
        var decay = new RatingDecay(null, ClockAt(Day0));
        var prior = decay.Prior(field, "caption");

        var stale = decay.Stand(field[0], "caption", prior).EffectiveRating;
        var fresh = decay.Stand(field[1], "caption", prior).EffectiveRating;

        Assert.True(fresh > stale, $"fresh {fresh} should beat stale {stale}");
        Assert.InRange(stale, prior, prior + 2);
    }

    [Fact]
    public void Prior_is_the_25th_percentile_of_the_field_without_retired_models_and_unrated_models_stand_at_it()
    {
        CatalogModel[] field =
        [
            Rated("a:1", 60, Day0), Rated("a:2", 80, Day0), Rated("a:3", 70, Day0), Rated("a:4", 90, Day0),
            Rated("a:gone", 10, Day0, shutDown: Day0),
            new CatalogModel { Id = "a:unrated", Tasks = ["caption"] },
        ];
        var decay = new RatingDecay(null, ClockAt(Day0.AddDays(5)));

        var prior = decay.Prior(field, "caption");
        var unrated = decay.Stand(field[5], "caption", prior);

        Assert.Equal(67.5, prior, 9);
        Assert.Equal(75, RatingDecay.Percentile([60, 80, 70, 90], 50), 9);
        Assert.Null(unrated.RawRating);
        Assert.Equal(67.5, unrated.EffectiveRating, 9);
        Assert.Equal(0, decay.Prior(field, "transcribe"));
    }

    [Fact]
    public void Latest_observation_wins_over_older_ones()
    {
        var model = new CatalogModel
        {
            Id = "a:x",
            Tasks = ["caption"],
            Ratings = [new ModelRating("caption", 50, "old", Day0.AddDays(-10)), new ModelRating("caption", 88, "new", Day0)],
        };

        Assert.Equal(88, RatingDecay.Latest(model, "caption")!.Rating);
    }
}
