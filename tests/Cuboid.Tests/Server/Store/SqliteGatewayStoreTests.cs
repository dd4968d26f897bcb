using Cuboid.Server.Store;
using Microsoft.Data.Sqlite;

namespace Cuboid.Tests.Server.Store;

/// <summary>The gateway store contract on the embedded SQLite store: every instance opens the same folder.</summary>
public sealed class SqliteGatewayStoreTests : GatewayStoreContractTests
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cuboid-gateway-store-tests", Guid.NewGuid().ToString("N"));

    protected override int LatestSchemaVersion => GatewayStore.SchemaVersion;

    protected override IGatewayStore Open() => GatewayStore.Open(_folder);

    protected override int StoredSchemaVersion()
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, GatewayStore.FileName)};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public override Task InitializeAsync() => Task.CompletedTask;

    public override Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        return Task.CompletedTask;
    }
}
