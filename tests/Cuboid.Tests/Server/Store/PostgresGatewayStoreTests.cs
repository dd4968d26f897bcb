using Cuboid.PostgreSql;
using Cuboid.Server.Keys;
using Cuboid.Server.Store;
using Cuboid.Testing.Postgres;
using Cuboid.Tests.PostgreSql;
using Npgsql;

namespace Cuboid.Tests.Server.Store;

/// <summary>The gateway store contract on PostgreSQL: a fresh database per test, and each instance its own data source (a process of its own).</summary>
public sealed class PostgresGatewayStoreTests : GatewayStoreContractTests
{
    private readonly PostgresInstances _instances = new();

    protected override int LatestSchemaVersion => PostgresGatewayStore.SchemaVersion;

    protected override IGatewayStore Open() => PostgresGatewayStore.Open(_instances.Create());

    protected override int StoredSchemaVersion() => _instances.StoredVersion(PostgresGatewayStore.Component);

    public override Task InitializeAsync() => _instances.InitializeAsync().AsTask();

    public override Task DisposeAsync() => _instances.DisposeAsync().AsTask();

    [Fact]
    public async Task A_hold_whose_process_stalls_once_it_has_the_key_lock_does_not_keep_other_holds_on_the_key_waiting()
    {
        // The key's lock is taken here first, so the proxied hold queues behind it; its process then stops talking (a
        // starved thread, a descheduled process) just as the lock passes to it. A hold decided in one round trip has
        // nothing left to say: its transaction ends on the server and the lock is free at once.
        var now = DateTimeOffset.UtcNow;
        var day = DateOnly.FromDateTime(now.UtcDateTime);
        var key = Open().CreateKey(new KeySpec { Budget = 1m, Period = "day" }, now).Key;
        await using var proxy = StallingProxy.Start(_instances.ConnectionString);
        await using var proxied = PostgresDatabase.Create(proxy.ConnectionString);
        var stalling = PostgresGatewayStore.Open(proxied);
        await using var first = await LockKeyAsync(key.Id);

        var hold = Task.Run(() => stalling.TryHold(key.Id, day, 1m, 0.25m, now, now.AddHours(1)));
        await WaitForAsync("""
            SELECT count(*) FROM pg_locks
            WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
            """);
        proxy.Stall();
        await CommitAsync(first);
        await using var next = await LockKeyAsync(key.Id);
        var heldWhileStalled = await CountAsync("SELECT count(*) FROM gateway_spend_holds");
        proxy.Resume();

        Assert.Equal(1, heldWhileStalled);
        Assert.True((await hold).Held);
    }

    [Fact]
    public async Task A_settle_reaches_the_server_as_one_statement()
    {
        // Npgsql writes the second and later statements of a sync caller's batch on the thread pool: with the pool starved
        // by the gateway's own sync holds, a settle sent as a batch (release, then one insert per spend row) waited out the
        // command timeout. One statement is written by the caller's thread.
        var now = DateTimeOffset.UtcNow;
        var day = DateOnly.FromDateTime(now.UtcDateTime);
        await using var proxy = StallingProxy.Start(_instances.ConnectionString);
        await using var proxied = PostgresDatabase.Create(proxy.ConnectionString);
        var store = PostgresGatewayStore.Open(proxied);
        var key = store.CreateKey(new KeySpec { Budget = 1m, Period = "day" }, now).Key;
        var hold = store.TryHold(key.Id, day, 1m, 0.50m, now, now.AddHours(1));
        var before = proxy.Statements;

        store.Settle(hold.HoldId, key.Id, day, [new SpendEntry(now, "chat", "sim:a", 10, 20, 0.25m), new SpendEntry(now, "chat", "sim:b", 1, 0, 0.05m)]);

        Assert.Equal(1, proxy.Statements - before);
        Assert.Equal(0.30m, store.SpentIn(key.Id, day));
        Assert.Equal(0m, store.HeldIn(key.Id, day, now));
    }

    /// <summary>A connection in a transaction holding the key's hold lock, waiting for it at most 20 s (a lock kept by a stalled client never comes).</summary>
    private async Task<NpgsqlConnection> LockKeyAsync(string keyId)
    {
        var connection = new NpgsqlConnection(_instances.ConnectionString);
        await connection.OpenAsync();
        await using (var begin = new NpgsqlCommand("BEGIN; SET LOCAL lock_timeout = '20s'", connection))
        {
            await begin.ExecuteNonQueryAsync();
        }

        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@space, hashtext(@key))", connection);
        command.Parameters.AddWithValue("space", PostgresGatewayStore.HoldLock);
        command.Parameters.AddWithValue("key", keyId);
        await command.ExecuteNonQueryAsync();
        return connection;
    }

    private static async Task CommitAsync(NpgsqlConnection connection)
    {
        await using var commit = new NpgsqlCommand("COMMIT", connection);
        await commit.ExecuteNonQueryAsync();
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_instances.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task WaitForAsync(string countSql)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (await CountAsync(countSql) == 0)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"nothing matched {countSql} in 30 s");
            await Task.Delay(20);
        }
    }
}
