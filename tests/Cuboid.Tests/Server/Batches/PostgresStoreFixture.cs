using Cuboid.PostgreSql;
using Cuboid.Testing.Postgres;

namespace Cuboid.Tests.Server.Batches;

/// <summary>
/// A fresh PostgreSQL database and the library's store over it, made once for a test class and dropped after it (the
/// tests of a class use their own random ids, so they share one database instead of creating one each).
/// </summary>
public sealed class PostgresStoreFixture : IAsyncLifetime
{
    private PostgresTestDatabase _database = null!;

    /// <summary>The store over the fresh database.</summary>
    public PostgresDatabase Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _database = await PostgresTestDatabase.CreateAsync();
        Store = PostgresDatabase.Create(_database.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await Store.DisposeAsync();
        await _database.DisposeAsync();
    }
}
