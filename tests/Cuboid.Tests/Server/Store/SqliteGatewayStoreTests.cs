using System.Globalization;
using Cuboid.Server.Keys;
using Cuboid.Server.Store;
using Cuboid.Tests.Storage;
using Microsoft.Data.Sqlite;

namespace Cuboid.Tests.Server.Store;

/// <summary>The gateway store contract on the embedded SQLite store: every instance opens the same folder.</summary>
public sealed class SqliteGatewayStoreTests : GatewayStoreContractTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 12, 1);

    private readonly SqliteTestFolder _folder = new("cuboid-gateway-store-tests");

    protected override int LatestSchemaVersion => GatewayStore.SchemaVersion;

    // Every store opened here, disposed before the folder goes: a store writes its queued holds a moment after them.
    private readonly List<GatewayStore> _opened = [];

    protected override IGatewayStore Open() => Opened();

    protected override int StoredSchemaVersion() => _folder.UserVersion(GatewayStore.FileName);

    [Fact]
    public void Spend_booked_before_running_totals_still_counts_and_the_total_then_stays_exact()
    {
        var day = new DateOnly(2026, 12, 1);
        var at = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
        var store = Opened();
        var key = store.CreateKey(new KeySpec { Budget = 1.05m, Period = "day" }, at).Key;
        store.AddSpend(key.Id, day, at, "chat", "sim:a", 10, 10, 0.70m);
        store.AddSpend(key.Id, day, at, "chat", "sim:a", 10, 10, 0.20m);

        // As a store upgraded to schema 6 would be: rows, and no running total yet.
        using (var connection = _folder.Connect(GatewayStore.FileName))
        using (var forget = connection.CreateCommand())
        {
            forget.CommandText = "DELETE FROM spend_totals";
            forget.ExecuteNonQuery();
        }

        var refused = store.TryHold(key.Id, day, 1.05m, 0.20m, at, at.AddHours(1));
        var held = Opened().TryHold(key.Id, day, 1.05m, 0.10m, at, at.AddHours(1));
        store.Settle(held.HoldId, key.Id, day, [new SpendEntry(at, "chat", "sim:a", 1, 1, 0.0999999999m)]);
        var last = store.TryHold(key.Id, day, 1.05m, 0.05m, at, at.AddHours(1));

        Assert.False(refused.Held);
        Assert.Equal(0.15m, refused.Remaining);
        Assert.True(held.Held);
        Assert.Equal(0.0500000001m, last.Remaining);
        Assert.Equal(0.9999999999m, store.SpentIn(key.Id, day));
    }

    [Fact]
    public async Task Holds_and_settles_racing_on_a_small_budget_never_overspend_and_every_settle_is_booked_once()
    {
        var (a, b) = (Opened(), Opened());
        var key = a.CreateKey(new KeySpec { Budget = 1.05m, Period = "day" }, At).Key;

        // Each call holds 0.10 and, once held, books 0.07 and releases the hold: room frees up while others race.
        var held = await Task.WhenAll(Enumerable.Range(0, 400).Select(i => Task.Run(() =>
        {
            var store = i % 2 == 0 ? a : b;
            var hold = store.TryHold(key.Id, Today, 1.05m, 0.10m, At, At.AddHours(1));
            if (!hold.Held)
            {
                return false;
            }

            store.Settle(hold.HoldId, key.Id, Today, [new SpendEntry(At, "chat", "sim:a", 1, 1, 0.07m)]);
            return true;
        })));
        var calls = held.Count(h => h);

        Assert.InRange(calls, 10, 15);
        Assert.Equal(0.07m * calls, b.SpentIn(key.Id, Today));
        Assert.Equal(0m, a.HeldIn(key.Id, Today, At));
        using var file = _folder.Connect(GatewayStore.FileName);
        Assert.Equal(calls, Scalar(file, "SELECT COUNT(*) FROM spend"));
        Assert.Equal(0L, Scalar(file, "SELECT COUNT(*) FROM spend_holds"));
        Assert.Equal((0.07m * calls).ToString(CultureInfo.InvariantCulture), ScalarText(file, "SELECT dollars FROM spend_totals"));
        var last = a.TryHold(key.Id, Today, 1.05m, 1.05m - (0.07m * calls), At, At.AddHours(1));
        Assert.True(last.Held);
        Assert.False(a.TryHold(key.Id, Today, 1.05m, 0.000001m, At, At.AddHours(1)).Held);
    }

    [Fact]
    public void A_read_while_the_background_writer_is_writing_still_sees_every_settle_before_it()
    {
        var store = Opened();
        var key = store.CreateKey(new KeySpec { Budget = 1000m, Period = "day" }, At).Key;
        var booked = 0m;
        var stale = new List<(decimal Booked, decimal Read)>();

        // A slow disk, or a writer thread preempted on a busy machine: each spend row takes a few milliseconds to write.
        using (var file = _folder.Connect(GatewayStore.FileName))
        using (var slow = file.CreateCommand())
        {
            slow.CommandText = """
                CREATE TRIGGER slow_spend AFTER INSERT ON spend BEGIN
                  SELECT count(*) FROM (WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 20000) SELECT x FROM n);
                END
                """;
            slow.ExecuteNonQuery();
        }

        // Each settle wakes the writer, which takes the queue one write delay later and writes it in a transaction:
        // a read around that moment must wait for that transaction, not read the file before it commits.
        for (var i = 0; i < 60; i++)
        {
            store.Settle(null, key.Id, Today, [new SpendEntry(At, "chat", "sim:a", 1, 1, 0.01m)]);
            booked += 0.01m;
            Thread.Sleep(GatewayStore.WriteDelay + TimeSpan.FromMilliseconds(i % 7 - 3));
            var read = store.SpentIn(key.Id, Today);
            if (read != booked)
            {
                stale.Add((booked, read));
            }
        }

        Assert.Empty(stale);
    }

    [Fact]
    public async Task Holds_reach_the_file_within_the_write_delay_with_no_read_to_push_them()
    {
        var store = Opened();
        var key = store.CreateKey(new KeySpec { Budget = 1m, Period = "day" }, At).Key;

        var hold = store.TryHold(key.Id, Today, 1m, 0.25m, At, At.AddHours(1));

        using var file = _folder.Connect(GatewayStore.FileName);
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (Scalar(file, "SELECT COUNT(*) FROM spend_holds") == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(GatewayStore.WriteDelay);
        }

        Assert.Equal(hold.HoldId, ScalarText(file, "SELECT id FROM spend_holds"));
        Assert.Equal("0.25", ScalarText(file, "SELECT dollars FROM spend_holds"));
    }

    [Fact]
    public async Task A_restarted_process_reads_the_holds_and_spend_its_predecessor_wrote_at_shutdown()
    {
        var store = Opened();
        var key = store.CreateKey(new KeySpec { Budget = 1m, Period = "day" }, At).Key;
        store.TryHold(key.Id, Today, 1m, 0.40m, At, At.AddHours(1));
        var settled = store.TryHold(key.Id, Today, 1m, 0.30m, At, At.AddHours(1));
        store.Settle(settled.HoldId, key.Id, Today, [new SpendEntry(At, "chat", "sim:a", 1, 1, 0.20m)]);
        store.Dispose();

        // A copy in another folder is a file no book in this process has read: as a new process would open it.
        var restarted = new SqliteTestFolder("cuboid-gateway-store-tests");
        Directory.CreateDirectory(restarted.Path);
        using (var source = _folder.Connect(GatewayStore.FileName))
        using (var target = restarted.Connect(GatewayStore.FileName))
        {
            source.BackupDatabase(target);
        }

        var reopened = GatewayStore.Open(restarted.Path);
        var refused = reopened.TryHold(key.Id, Today, 1m, 0.41m, At, At.AddHours(1));

        Assert.False(refused.Held);
        Assert.Equal(0.40m, refused.Remaining);
        Assert.Equal(0.20m, reopened.SpentIn(key.Id, Today));
        reopened.Dispose();
        await restarted.DeleteAsync();
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    private static string? ScalarText(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar() as string;
    }

    public override Task InitializeAsync() => Task.CompletedTask;

    public override Task DisposeAsync()
    {
        lock (_opened)
        {
            _opened.ForEach(s => s.Dispose());
        }

        return _folder.DeleteAsync();
    }

    private GatewayStore Opened()
    {
        var store = GatewayStore.Open(_folder.Path);
        lock (_opened)
        {
            _opened.Add(store);
        }

        return store;
    }
}
