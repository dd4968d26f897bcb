using Cuboid.Server.Keys;
using Cuboid.Server.Store;
using Cuboid.Tests.Storage;

namespace Cuboid.Tests.Server.Store;

/// <summary>The gateway store contract on the embedded SQLite store: every instance opens the same folder.</summary>
public sealed class SqliteGatewayStoreTests : GatewayStoreContractTests
{
    private readonly SqliteTestFolder _folder = new("cuboid-gateway-store-tests");

    protected override int LatestSchemaVersion => GatewayStore.SchemaVersion;

    protected override IGatewayStore Open() => GatewayStore.Open(_folder.Path);

    protected override int StoredSchemaVersion() => _folder.UserVersion(GatewayStore.FileName);

    [Fact]
    public void Spend_booked_before_running_totals_still_counts_and_the_total_then_stays_exact()
    {
        var day = new DateOnly(2026, 12, 1);
        var at = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
        var store = GatewayStore.Open(_folder.Path);
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
        var held = GatewayStore.Open(_folder.Path).TryHold(key.Id, day, 1.05m, 0.10m, at, at.AddHours(1));
        store.Settle(held.HoldId, key.Id, day, [new SpendEntry(at, "chat", "sim:a", 1, 1, 0.0999999999m)]);
        var last = store.TryHold(key.Id, day, 1.05m, 0.05m, at, at.AddHours(1));

        Assert.False(refused.Held);
        Assert.Equal(0.15m, refused.Remaining);
        Assert.True(held.Held);
        Assert.Equal(0.0500000001m, last.Remaining);
        Assert.Equal(0.9999999999m, store.SpentIn(key.Id, day));
    }

    public override Task InitializeAsync() => Task.CompletedTask;

    public override Task DisposeAsync() => _folder.DeleteAsync();
}
