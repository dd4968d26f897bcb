using Cuboid.Server.Batches;

namespace Cuboid.Tests.Server.Batches;

/// <summary>The batch store contract on a fresh PostgreSQL database (one for the class: each test adds its own ids).</summary>
public sealed class PostgresBatchStoreTests(PostgresStoreFixture postgres) : BatchStoreContract, IClassFixture<PostgresStoreFixture>
{
    protected override Task<IBatchStore> OpenAsync() => Task.FromResult<IBatchStore>(PostgresBatchStore.Open(postgres.Store));
}
