using System.Globalization;
using Cuboid.PostgreSql;
using Microsoft.Data.Sqlite;
using Cuboid.Portfolio;
using Cuboid.Server.Analyses;
using Cuboid.Server.Batches;
using Cuboid.Server.Keys;
using Cuboid.Server.Store;
using Cuboid.Testing.Postgres;

namespace Cuboid.Tests.Server.Batches;

/// <summary>
/// A step's cost on PostgreSQL when the acknowledgement of its commit is lost (the proxy cuts the connection that
/// carries it): the retry finds the step booked, and the key's spend still holds the step's cost exactly once, its
/// hold released, because both were written in the one transaction that committed. On SQLite files the key is booked
/// first, once per step, and in its file by the time the booking returns: a process that dies before or after writing
/// the step row leaves the row and the key with the same dollars once the step has run again.
/// </summary>
public sealed class StepBookingTests(GatewaySimulatorFixture fixture) : IClassFixture<GatewaySimulatorFixture>, IAsyncLifetime
{
    private PostgresTestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await PostgresTestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task A_step_booked_by_a_commit_whose_acknowledgement_was_lost_is_on_the_key_exactly_once()
    {
        using var host = new GatewayHost(fixture.Fresh());
        await using var direct = PostgresDatabase.Create(_database.ConnectionString);
        var gateway = PostgresGatewayStore.Open(direct);
        await using var proxy = CommitAckDropProxy.Start(_database.ConnectionString);
        await using var proxied = PostgresDatabase.Create(proxy.ConnectionString);
        var store = PostgresBatchStore.Open(proxied, holdsKeySpend: true);
        var booking = new StepBooking(store, gateway);
        var budgets = new KeyBudgets(gateway, host.Models, TimeProvider.System);
        var key = gateway.CreateKey(new KeySpec { Budget = 5m }, DateTimeOffset.UtcNow).Key;
        var (batchId, itemId) = AddItem(store, key.Id);
        var call = budgets.Reserve(new Caller(key), "analyze", 1m);

        proxy.DropNextCommitAck();
        booking.Book(itemId, StepNames.Caption(0), 0.37m, call, [Caption(0.37m)]);
        // The step run again (its job retried after the lost answer): booked already, nothing more on the key.
        var again = booking.Book(itemId, StepNames.Caption(0), 0.37m, budgets.Unreserved(new Caller(key), "analyze"), [Caption(0.37m)]);

        var period = KeyPeriods.Start(key.Period, DateTimeOffset.UtcNow);
        Assert.Equal(1, proxy.Dropped);
        Assert.False(again);
        Assert.Equal(0.37m, store.SpentBy(batchId));
        Assert.Equal(store.SpentBy(batchId), gateway.SpentIn(key.Id, period));
        Assert.Equal(0m, gateway.HeldIn(key.Id, period, DateTimeOffset.UtcNow));
    }

    [Fact]
    public void A_step_booked_on_sqlite_is_in_the_gateway_file_when_booking_returns()
    {
        using var host = new GatewayHost(fixture.Fresh());
        var folder = Path.Combine(Path.GetTempPath(), "cuboid-tests", "step-booking-" + Guid.NewGuid().ToString("N"));
        try
        {
            var gateway = GatewayStore.Open(folder);
            var store = SqliteBatchStore.Open(folder);
            var booking = new StepBooking(store, gateway);
            var budgets = new KeyBudgets(gateway, host.Models, TimeProvider.System);
            var key = gateway.CreateKey(new KeySpec { Budget = 5m }, DateTimeOffset.UtcNow).Key;
            var (batchId, itemId) = AddItem(store, key.Id);

            Assert.True(booking.Book(itemId, StepNames.Caption(0), 0.37m, budgets.Unreserved(new Caller(key), "analyze"), [Caption(0.37m)]));

            // Read from the file itself, past the store's in-memory book: what a process killed now would leave behind.
            using var file = new SqliteConnection($"Data Source={Path.Combine(folder, GatewayStore.FileName)};Pooling=False");
            file.Open();
            using var command = file.CreateCommand();
            command.CommandText = "SELECT dollars FROM spend WHERE key_id = $key";
            command.Parameters.AddWithValue("$key", key.Id);
            var written = (string?)command.ExecuteScalar();
            Assert.Equal(store.SpentBy(batchId), decimal.Parse(written ?? "0", CultureInfo.InvariantCulture));
            gateway.Dispose();
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_step_whose_process_died_while_booking_it_on_sqlite_is_on_its_row_and_its_key_once(bool afterTheRow)
    {
        using var host = new GatewayHost(fixture.Fresh());
        var folder = Path.Combine(Path.GetTempPath(), "cuboid-tests", "step-booking-" + Guid.NewGuid().ToString("N"));
        try
        {
            var gateway = GatewayStore.Open(folder);
            var store = SqliteBatchStore.Open(folder);
            var budgets = new KeyBudgets(gateway, host.Models, TimeProvider.System);
            var key = gateway.CreateKey(new KeySpec { Budget = 5m }, DateTimeOffset.UtcNow).Key;
            var (batchId, itemId) = AddItem(store, key.Id);

            // The first run dies inside its booking, before its step row is written or just after.
            var dying = new StepBooking(DyingBatchStore.Wrap(store, afterTheRow), gateway);
            Assert.Throws<IOException>(() => dying.Book(itemId, StepNames.Caption(0), 0.37m, budgets.Unreserved(new Caller(key), "analyze"), [Caption(0.37m)]));
            // The step runs again: its answers are cached, so it costs less; then a late duplicate of it.
            var booking = new StepBooking(store, gateway);
            booking.Book(itemId, StepNames.Caption(0), 0.05m, budgets.Unreserved(new Caller(key), "analyze"), [Caption(0.05m)]);
            Assert.False(booking.Book(itemId, StepNames.Caption(0), 0.05m, budgets.Unreserved(new Caller(key), "analyze"), [Caption(0.05m)]));

            var period = KeyPeriods.Start(key.Period, DateTimeOffset.UtcNow);
            Assert.True(store.Steps(itemId)[StepNames.Caption(0)]);
            Assert.Equal(0.37m, store.SpentBy(batchId));
            Assert.Equal(store.SpentBy(batchId), gateway.SpentIn(key.Id, period));
            gateway.Dispose();
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static UsageRecord Caption(decimal dollars) =>
        new() { Task = "caption", Provider = "sim", ModelId = GatewayHost.Primary, InputTokens = 100, OutputTokens = 20, Dollars = dollars, Outcome = CallOutcome.Succeeded, At = DateTimeOffset.UtcNow };

    private static (string BatchId, string ItemId) AddItem(IBatchStore store, string keyId)
    {
        var now = DateTimeOffset.UtcNow;
        var batch = new BatchRecord { Id = "batch_" + Guid.NewGuid().ToString("N")[..20], KeyId = keyId, Settings = new AnalysisSettings { EverySeconds = 2 }, CreatedAt = now };
        store.AddBatch(batch);
        var item = new BatchItem { Id = "video_" + Guid.NewGuid().ToString("N")[..20], BatchId = batch.Id, Name = "a.mp4", ContentHash = Guid.NewGuid().ToString("N"), Status = BatchItemStatus.Queued, CreatedAt = now };
        store.AddItem(item, keyId, IBatchStore.SettingsKey(batch.Settings));
        store.AddSteps(item.Id, [StepNames.Caption(0), StepNames.Transcribe]);
        return (batch.Id, item.Id);
    }
}
