using System.Text.Json;
using Cuboid.Generation;
using Cuboid.Generation.Catalog;
using Cuboid.Generation.Jobs;
using Cuboid.Portfolio;

namespace Cuboid.Tests.Storage;

/// <summary>
/// What every <see cref="IVideoJobStore"/> must do, run against SQLite (<see cref="SqliteVideoJobStoreTests"/>) and
/// PostgreSQL (<c>PostgreSql/PostgresVideoJobStoreTests</c>). <see cref="Open"/> makes a new instance on the same backing
/// store, as a second process would.
/// </summary>
public abstract class VideoJobStoreContractTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 30, 0, 250, TimeSpan.Zero);

    protected abstract IVideoJobStore Open();

    /// <summary>The schema version the backing store records, and the one the code writes.</summary>
    protected abstract (int Stored, int Latest) SchemaVersions();

    public abstract Task InitializeAsync();

    public abstract Task DisposeAsync();

    internal static VideoJob Job(string id, DateTimeOffset created) => new()
    {
        Id = id,
        Host = "fal",
        HostModel = "fal-ai/veo3/fast",
        Model = "google:veo-3.1-fast",
        Task = "i2v",
        Request = new VideoJobRequest { Prompt = "a kite over the sea", NegativePrompt = "rain", Seconds = 4, Size = new VideoSize(1280, 720), FramesPerSecond = 24, Audio = true, Seed = 7, FirstFrame = "/tmp/first.png" },
        ProviderJobId = "req-123",
        State = VideoJobState.Succeeded,
        RawState = "COMPLETED",
        Progress = 1,
        CreatedAt = created,
        SubmittedAt = created.AddSeconds(1),
        UpdatedAt = created.AddSeconds(90),
        FinishedAt = created.AddSeconds(90),
        CreateAttempts = 1,
        Polls = 12,
        DownloadAttempts = 2,
        EstimatedCost = 1.60m,
        ActualCost = 1.4m,
        ReportedCost = 1.41m,
        Prices = [new VideoPrice("720p", true, 0.40m)],
        Outputs = [new VideoJobOutput { Index = 0, Path = "/store/jobs/x/output-0.mp4", Sha256 = "ab12", Bytes = 1234, Width = 1280, Height = 720, Seconds = 3.5, FramesPerSecond = 24, HasAudio = true }],
        Warnings = ["3.5 s delivered of 4 s asked"],
        Error = null,
    };

    [Fact]
    public void Migrating_from_empty_reaches_the_latest_version_and_opening_again_changes_nothing()
    {
        Open().Save(Job("job_a", T0));

        var again = Open();

        var (stored, latest) = SchemaVersions();
        Assert.Equal(latest, stored);
        Assert.Equal(1, again.Find("job_a")!.Version);
    }

    [Fact]
    public async Task Instances_opening_an_empty_store_at_once_all_migrate_it_cleanly()
    {
        var stores = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(Open)));

        for (var i = 0; i < stores.Length; i++)
        {
            stores[i].Save(Job($"job_{i}", T0.AddSeconds(i)));
        }

        Assert.Equal(4, stores[0].List().Count);
    }

    [Fact]
    public void A_job_round_trips_with_every_field_and_each_save_bumps_its_version()
    {
        var store = Open();
        var job = Job("job_a", T0);

        store.Save(job);
        var first = Open().Find("job_a")!;
        store.Save(first with { Polls = 13 });
        var second = store.Find("job_a")!;

        Assert.Equal(Json(job with { Version = 1 }), Json(first));
        Assert.Equal(2, second.Version);
        Assert.Equal(13, second.Polls);
        Assert.Null(store.Find("job_missing"));
    }

    [Fact]
    public void TrySave_writes_only_over_the_version_it_read()
    {
        var store = Open();
        var created = store.TrySave(Job("job_a", T0) with { State = VideoJobState.Submitting });
        var duplicate = store.TrySave(Job("job_a", T0));

        var read = store.Find("job_a")!;
        var moved = store.TrySave(read with { CreateAttempts = 2 });
        var stale = store.TrySave(read with { CreateAttempts = 3 });

        Assert.Equal(1, created!.Version);
        Assert.Null(duplicate);
        Assert.Equal(2, moved!.Version);
        Assert.Null(stale);
        Assert.Equal(2, store.Find("job_a")!.CreateAttempts);
        Assert.Equal(2, store.Find("job_a")!.Version);
    }

    [Fact]
    public async Task Of_many_workers_on_two_instances_claiming_one_submitting_job_exactly_one_wins()
    {
        var (a, b) = (Open(), Open());
        a.Save(Job("job_a", T0) with { State = VideoJobState.Submitting, CreateAttempts = 0 });
        var readA = a.Find("job_a")!;
        var readB = b.Find("job_a")!;

        var claims = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() =>
            i % 2 == 0 ? a.TrySave(readA with { CreateAttempts = 1, RawState = $"worker-{i}" }) : b.TrySave(readB with { CreateAttempts = 1, RawState = $"worker-{i}" }))));

        var winner = Assert.Single(claims, c => c is not null)!;
        var stored = b.Find("job_a")!;
        Assert.Equal(winner.RawState, stored.RawState);
        Assert.Equal(2, stored.Version);
    }

    [Fact]
    public void List_gives_the_newest_jobs_first()
    {
        var store = Open();
        for (var i = 0; i < 5; i++)
        {
            store.Save(Job($"job_{i}", T0.AddMinutes(i)));
        }

        Assert.Equal(["job_4", "job_3", "job_2"], store.List(3).Select(j => j.Id));
        Assert.All(store.List(), j => Assert.Equal(1, j.Version));
    }

    [Fact]
    public void Outputs_go_in_a_folder_of_their_own_per_job()
    {
        var store = Open();

        Assert.NotEqual(store.OutputDirectory("job_a"), store.OutputDirectory("job_b"));
        Assert.EndsWith("job_a", store.OutputDirectory("job_a"), StringComparison.Ordinal);
    }

    private static string Json(VideoJob job) => JsonSerializer.Serialize(job, PortfolioJson.Options);
}
