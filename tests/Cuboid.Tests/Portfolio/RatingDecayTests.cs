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

        Assert.Equal(70, prior);
        Assert.Equal(90, decay.Stand(field[0], "caption", prior).EffectiveRating, 9);
        clock.Advance(TimeSpan.FromDays(30));
        Assert.Equal(80, decay.Stand(field[0], "caption", prior).EffectiveRating, 9);
        clock.Advance(TimeSpan.FromDays(30));
        Assert.Equal(75, decay.Stand(field[0], "caption", prior).EffectiveRating, 9);
        Assert.Equal(67.5, decay.Stand(field[2], "caption", prior).EffectiveRating, 9);
        Assert.Equal(60, decay.Stand(field[2], "caption", prior).AgeDays!.Value, 9);
    }

    [Fact]
    public void Half_life_is_configurable()
    {
        CatalogModel[] field = [Rated("a:x", 90, Day0), Rated("a:y", 70, Day0)];
        var clock = ClockAt(Day0.AddDays(10));
        var decay = new RatingDecay(TimeSpan.FromDays(10), clock);

        var standing = decay.Stand(field[0], "caption", decay.Prior(field, "caption"));

        Assert.Equal(80, decay.Prior(field, "caption"));
        Assert.Equal(85, standing.EffectiveRating, 9);
        Assert.Throws<CuboidException>(() => new RatingDecay(TimeSpan.Zero, clock));
    }

    [Fact]
    public void Fresh_evidence_overtakes_stale_evidence()
    {
        CatalogModel[] field =
        [
            Rated("a:stale", 95, Day0.AddDays(-120)),
            Rated("a:fresh", 85, Day0),
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
    public void Prior_is_the_median_of_the_field_without_retired_models_and_unrated_models_stand_at_it()
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

        Assert.Equal(75, prior);
        Assert.Null(unrated.RawRating);
        Assert.Equal(75, unrated.EffectiveRating);
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
