using Cuboid.PostgreSql;
using Cuboid.Server.Batches;
using Cuboid.Testing.Postgres;

namespace Cuboid.Tests.Server.Batches;

/// <summary>The batch store contract on a fresh PostgreSQL database.</summary>
public sealed class PostgresBatchStoreTests : BatchStoreContract, IAsyncLifetime
{
    private PostgresTestDatabase _database = null!;
    private PostgresDatabase _store = null!;

    public async Task InitializeAsync()
    {
        _database = await PostgresTestDatabase.CreateAsync();
        _store = PostgresDatabase.Create(_database.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        await _database.DisposeAsync();
    }

    protected override Task<IBatchStore> OpenAsync() => Task.FromResult<IBatchStore>(PostgresBatchStore.Open(_store));
}
