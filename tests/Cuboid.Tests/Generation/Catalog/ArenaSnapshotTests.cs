using Cuboid.Cli;
using Cuboid.Generation.Catalog;
using Cuboid.Portfolio;
using Cuboid.Tests.Cli;
using Microsoft.Extensions.Time.Testing;

namespace Cuboid.Tests.Generation.Catalog;

/// <summary>
/// <c>cuboid models update</c> on public arena boards: GenAI-Arena's dated CSV and the Artificial Analysis API's JSON, from
/// fixture files made of published rows (see <c>Fixtures/README.md</c>), mapped onto canonical ids, dated and decayed; and
/// malformed boards refused with one line and exit 3.
/// </summary>
public sealed class ArenaSnapshotTests : IDisposable
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Generation", "Catalog", "Fixtures");
    private static readonly DateTimeOffset Today = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);

    private readonly string _dir = Directory.CreateTempSubdirectory("cuboid-arena-").FullName;

    private string Overlay => Path.Combine(_dir, "video.json");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_GenAI_Arena_board_rates_the_model_it_names_on_its_folders_date_and_names_the_rows_it_could_not_map()
    {
        PortfolioJson.WriteAtomically(Overlay, new VideoCatalog
        {
            Models = [new VideoModel { Id = "stability:stable-video-diffusion", Name = "Stable Video Diffusion", Tasks = ["t2v"] }],
        });

        var (code, stdout, stderr) = await CliRun.InProcessAsync("models", "update", "--from", Path.Combine(Fixtures, "genai-arena", "20240605", "video_generation_leaderboard.csv"), "--catalog", Overlay);

        Assert.True(code == 0, stderr);
        Assert.Contains("genai-arena: 0 model(s) added, 1 updated, 1 rating(s), 7 skipped", stdout, StringComparison.Ordinal);
        Assert.Contains("7 row(s)", stderr, StringComparison.Ordinal);
        Assert.Contains("T2VTurbo", stderr, StringComparison.Ordinal);
        var svd = VideoCatalog.Load(Overlay).FindModel("stability:stable-video-diffusion")!;
        var rating = Assert.Single(svd.Ratings);
        Assert.Equal(new ModelRating("t2v", 1111.5916401252923, "genai-arena", new DateOnly(2024, 6, 5)), rating);

        // Thirty months old on 2026-12-05: the rating sinks to the field's prior, as every task's ratings do.
        var decay = new RatingDecay(timeProvider: new FakeTimeProvider(Today));
        var fresh = new CatalogModel { Id = "acme:fresh", Tasks = ["t2v"], Ratings = [new ModelRating("t2v", 1000, "genai-arena", new DateOnly(2026, 12, 1))] };
        var field = new[] { svd.AsRated(), fresh };
        var prior = decay.Prior(field, "t2v");
        var standing = decay.Stand(svd.AsRated(), "t2v", prior);
        Assert.InRange(standing.AgeDays!.Value, 913, 914);
        Assert.Equal(prior, standing.EffectiveRating, precision: 3);
        Assert.True(standing.EffectiveRating < 1111.59 - 50);
    }

    [Fact]
    public async Task An_Artificial_Analysis_text_to_video_board_maps_names_to_canonical_ids_and_takes_the_date_in_its_name()
    {
        var (code, stdout, stderr) = await CliRun.InProcessAsync("models", "update", "--from", Path.Combine(Fixtures, "artificial-analysis", "text-to-video-2025-12-01.json"), "--catalog", Overlay);

        Assert.True(code == 0, stderr);
        Assert.Contains("artificial-analysis: 0 model(s) added, 1 updated, 1 rating(s), 0 skipped", stdout, StringComparison.Ordinal);
        var gen45 = VideoCatalog.Load(Overlay).FindModel("runway:gen4.5")!;
        Assert.Equal(new ModelRating("t2v", 1247, "artificial-analysis", new DateOnly(2025, 12, 1)), Assert.Single(gen45.Ratings));
        Assert.NotEmpty(gen45.Routes);
    }

    [Fact]
    public void A_board_without_a_date_is_todays_and_unknown_models_are_skipped_not_invented()
    {
        var overlay = Overlay;
        var result = new VideoCatalogUpdater(new FakeTimeProvider(Today)).Update(
            File.ReadAllText(Path.Combine(Fixtures, "artificial-analysis", "image-to-video.json")), "https://artificialanalysis.ai/api/v2/data/media/image-to-video", overlay);

        Assert.Equal((0, 1, 1, 1), (result.ModelsAdded, result.ModelsUpdated, result.RatingsAdded, result.Skipped));
        Assert.Contains(result.Warnings, w => w.Contains("HappyHorse 1.0", StringComparison.Ordinal));
        var catalog = VideoCatalog.Load(overlay);
        var seedance = catalog.FindModel("bytedance:seedance-2.0")!;
        Assert.Contains(seedance.Ratings, r => r == new ModelRating("i2v", 1355, "artificial-analysis", new DateOnly(2026, 12, 5)) { Url = "https://artificialanalysis.ai/api/v2/data/media/image-to-video" });
        Assert.Contains(seedance.Ratings, r => r.Observed == new DateOnly(2026, 4, 1));
        Assert.DoesNotContain(catalog.Models, m => m.Name == "HappyHorse 1.0");
    }

    public static TheoryData<string, string, string> Malformed => new()
    {
        { Path.Combine("artificial-analysis", "text-to-video.json"), """{"data": [{"name": "Runway Gen-4.5", "elo": 1247}, {"name": "Veo 3.1", "elo": "n/a"}]}""", "row 2 needs a name (id, slug or name) and a numeric elo" },
        { Path.Combine("artificial-analysis", "board.json"), """{"data": [{"name": "Runway Gen-4.5", "elo": 1247}]}""", "does not say which" },
        { Path.Combine("results", "latest", "video_generation_leaderboard.csv"), "key,Model,Arena Elo rating (anony)\nLaVie,LaVie,995.5\n", "has no date" },
        { Path.Combine("results", "20240605", "video_generation_leaderboard.csv"), "key,Model,Arena Elo rating (anony)\nLaVie,LaVie,995.5\nOpenSora,OpenSora,high\n", "line 3 needs a model name and a numeric" },
        { Path.Combine("results", "20240605", "leaderboard.csv"), "key,Model,Arena Elo rating (anony)\nLaVie,LaVie,995.5\n", "does not say which" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task A_malformed_board_fails_with_one_line_and_exit_3_and_leaves_no_overlay(string name, string text, string expected)
    {
        var path = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, text);

        var (code, stdout, stderr) = await CliRun.InProcessAsync("models", "update", "--from", path, "--catalog", Overlay);

        Assert.Equal(ExitCodes.Input, code);
        Assert.Empty(stdout);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.False(File.Exists(Overlay));
    }

    [Fact]
    public async Task The_video_leaderboard_says_unrated_where_no_arena_figure_was_published()
    {
        await File.WriteAllTextAsync(Overlay, """{"schema": 1, "models": []}""");

        var (code, stdout, stderr) = await CliRun.InProcessAsync("models", "--task", "t2v", "--catalog", Overlay);

        Assert.True(code == 0, stderr);
        var rows = stdout.Split('\n');
        Assert.Contains(rows, l => l.StartsWith("google:veo-3.1 ", StringComparison.Ordinal) && l.Contains("unrated", StringComparison.Ordinal));
        Assert.Contains(rows, l => l.StartsWith("runway:gen4.5 ", StringComparison.Ordinal) && l.Contains("1247", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_shipped_video_rating_is_a_published_arena_figure_with_its_source_date_and_url()
    {
        var catalog = VideoCatalog.Shipped();

        var ratings = catalog.Models.Where(m => m.Tasks.Any(VideoLeaderboard.Tasks.Contains)).SelectMany(m => m.Ratings).ToList();

        Assert.NotEmpty(ratings);
        Assert.All(ratings, r =>
        {
            Assert.Equal("artificial-analysis", r.Source);
            Assert.StartsWith("https://", r.Url, StringComparison.Ordinal);
        });
        Assert.Empty(catalog.FindModel("google:veo-3.1")!.Ratings);
    }
}
