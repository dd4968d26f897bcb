using System.Text.Json;
using Cuboid.Server.Analyses;
using Cuboid.Server.Keys;
using Cuboid.Server.Store;

namespace Cuboid.Tests.Server.Store;

/// <summary>
/// What every <see cref="IGatewayStore"/> must do, run against SQLite (<see cref="SqliteGatewayStoreTests"/>) and
/// PostgreSQL (<see cref="PostgresGatewayStoreTests"/>). <see cref="Open"/> makes a new instance on the same backing
/// store, as a second process would.
/// </summary>
public abstract class GatewayStoreContractTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 30, 0, 123, TimeSpan.Zero);
    private static readonly DateOnly Day = new(2026, 12, 1);

    /// <summary>A new store instance on this test's backing store (created, or migrated, as it opens).</summary>
    protected abstract IGatewayStore Open();

    /// <summary>The schema version the backing store records.</summary>
    protected abstract int StoredSchemaVersion();

    /// <summary>The schema version the code writes.</summary>
    protected abstract int LatestSchemaVersion { get; }

    public abstract Task InitializeAsync();

    public abstract Task DisposeAsync();

    [Fact]
    public void Migrating_from_empty_reaches_the_latest_version_and_opening_again_changes_nothing()
    {
        var first = Open();
        var key = first.CreateKey(new KeySpec { Name = "a" }, T0).Key;

        var second = Open();

        Assert.Equal(LatestSchemaVersion, StoredSchemaVersion());
        Assert.Equal(key, second.Find(key.Id)! with { Models = key.Models, Tasks = key.Tasks });
        Assert.Single(second.Keys());
    }

    [Fact]
    public async Task Instances_opening_an_empty_store_at_once_all_migrate_it_cleanly()
    {
        var stores = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(Open)));

        var keys = stores.Select((s, i) => s.CreateKey(new KeySpec { Name = $"k{i}" }, T0.AddSeconds(i)).Key.Id).ToList();

        Assert.Equal(LatestSchemaVersion, StoredSchemaVersion());
        Assert.Equal(keys, stores[0].Keys().Select(k => k.Id));
    }

    [Fact]
    public async Task Two_hundred_concurrent_holds_from_two_instances_on_a_key_with_room_for_ten_hold_exactly_ten()
    {
        var (a, b) = (Open(), Open());
        var key = a.CreateKey(new KeySpec { Budget = 1.05m, Period = "day" }, T0).Key;

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() =>
            (i % 2 == 0 ? a : b).TryHold(key.Id, Day, key.Budget!.Value, 0.10m, T0, T0.AddHours(1)))));

        Assert.Equal(10, results.Count(r => r.Held));
        Assert.Equal(10, results.Where(r => r.Held).Select(r => r.HoldId).Distinct().Count());
        Assert.Equal(1.00m, b.HeldIn(key.Id, Day, T0));
        Assert.All(results.Where(r => !r.Held), r => Assert.Equal(0.05m, r.Remaining));
    }

    [Fact]
    public void Settling_releases_the_hold_and_books_the_spend_in_one_step()
    {
        var store = Open();
        var key = store.CreateKey(new KeySpec { Budget = 1m, Period = "day" }, T0).Key;
        var hold = store.TryHold(key.Id, Day, 1m, 0.60m, T0, T0.AddHours(1));

        var refused = store.TryHold(key.Id, Day, 1m, 0.50m, T0, T0.AddHours(1));
        store.Settle(hold.HoldId, key.Id, Day, [new SpendEntry(T0, "chat", "sim:a", 10, 20, 0.25m), new SpendEntry(T0, "chat", "sim:b", 1, 0, 0.05m)]);
        var after = store.TryHold(key.Id, Day, 1m, 0.70m, T0, T0.AddHours(1));

        Assert.True(hold.Held);
        Assert.Equal(1m, hold.Remaining);
        Assert.False(refused.Held);
        Assert.Equal(0.40m, refused.Remaining);
        Assert.Equal(0.30m, store.SpentIn(key.Id, Day));
        Assert.True(after.Held);
        Assert.Equal(0.70m, after.Remaining);
        Assert.Equal(0.70m, store.HeldIn(key.Id, Day, T0));
    }

    [Fact]
    public void A_hold_its_process_never_settled_stops_counting_when_it_expires()
    {
        var store = Open();
        var key = store.CreateKey(new KeySpec { Budget = 1m }, T0).Key;
        store.TryHold(key.Id, Day, 1m, 1m, T0, T0.AddMinutes(10));

        var before = store.TryHold(key.Id, Day, 1m, 0.01m, T0.AddMinutes(9), T0.AddMinutes(20));
        var after = store.TryHold(key.Id, Day, 1m, 0.01m, T0.AddMinutes(11), T0.AddMinutes(20));

        Assert.False(before.Held);
        Assert.True(after.Held);
    }

    [Fact]
    public void Spend_is_kept_per_key_and_period_as_exact_decimals()
    {
        var store = Open();
        store.AddSpend("key_a", Day, T0, "chat", "sim:a", 5, 6, 0.000001m);
        store.AddSpend("key_a", Day, T0, "chat", "sim:a", 5, 6, 0.1m);
        store.AddSpend("key_a", Day.AddDays(1), T0, "chat", "sim:a", 5, 6, 7m);
        store.AddSpend("key_b", Day, T0, "chat", "sim:a", 5, 6, 9m);
        store.Settle(null, "key_a", Day, []);

        Assert.Equal(0.100001m, store.SpentIn("key_a", Day));
        Assert.Equal(0m, store.SpentIn("key_c", Day));
    }

    [Fact]
    public void Keys_round_trip_with_every_field_and_revoke_once()
    {
        var store = Open();
        var issued = store.CreateKey(new KeySpec { Name = "team", Budget = 12.5m, Period = "week", Models = ["sim:a", "sim:b"], Tasks = ["chat"], Rpm = 60 }, T0);
        var bare = store.CreateKey(new KeySpec(), T0.AddMinutes(1)).Key;

        var found = store.FindByHash(KeySecrets.Hash(issued.Secret))!;
        var revoked = store.Revoke(issued.Key.Id, T0.AddHours(1));
        var again = store.Revoke(issued.Key.Id, T0.AddHours(2));

        Assert.Equal(Json(issued.Key), Json(found));
        Assert.Equal(Json(bare), Json(Open().Find(bare.Id)!));
        Assert.True(revoked);
        Assert.True(again);
        Assert.False(store.Revoke("key_missing", T0));
        Assert.Equal(T0.AddHours(1), store.Find(issued.Key.Id)!.RevokedAt);
        Assert.Null(store.Find("key_missing"));
        Assert.Null(store.FindByHash("nothing"));
        Assert.Equal([issued.Key.Id, bare.Id], store.Keys().Select(k => k.Id));
    }

    [Fact]
    public void Video_jobs_record_their_owner_until_settled_and_deleted()
    {
        var store = Open();
        store.AddVideoJob("job_1", "key_a", T0);
        store.AddVideoJob("job_2", null, T0.AddSeconds(1));
        store.AddVideoJob("job_3", "key_a", T0.AddSeconds(2));

        store.MarkVideoJobSettled("job_1", T0.AddMinutes(1));
        store.MarkVideoJobDeleted("job_3", T0.AddMinutes(2));

        Assert.Equal(new GatewayVideoJob("job_2", null), store.FindVideoJob("job_2"));
        Assert.Null(store.FindVideoJob("job_3"));
        Assert.Equal(["job_1"], store.VideoJobsOf("key_a", 10).Select(j => j.JobId));
        Assert.Equal(["job_2", "job_1"], store.VideoJobsOf(null, 10).Select(j => j.JobId));
        Assert.Equal(["job_2"], store.VideoJobsOf(null, 1).Select(j => j.JobId));
        Assert.Equal(["job_2", "job_3"], store.UnsettledVideoJobs().Select(j => j.JobId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Analyses_round_trip_and_the_unfinished_come_back_oldest_first()
    {
        var store = Open();
        var queued = Analysis("an_1", "queued", T0.AddSeconds(2));
        var running = Analysis("an_2", "running", T0.AddSeconds(1));
        store.SaveAnalysis(queued);
        store.SaveAnalysis(running);
        store.SaveAnalysis(Analysis("an_3", "completed", T0));

        var finished = running with { Status = "failed", Error = "stopped", Dollars = 0.0123m, FinishedAt = T0.AddMinutes(3) };
        Open().SaveAnalysis(finished);

        Assert.Equal(Json(queued), Json(store.FindAnalysis("an_1")!));
        Assert.Equal(Json(finished), Json(store.FindAnalysis("an_2")!));
        Assert.Null(store.FindAnalysis("an_missing"));
        Assert.Equal(["an_1"], store.UnfinishedAnalyses().Select(a => a.Id));
    }

    private static AnalysisRecord Analysis(string id, string status, DateTimeOffset at) => new()
    {
        Id = id,
        KeyId = "key_a",
        Status = status,
        Settings = new AnalysisSettings { EverySeconds = 2.5, MaxFrames = 12, Focus = "people", Language = "en" },
        CreatedAt = at,
        Reserved = 0.5m,
    };

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);
}
