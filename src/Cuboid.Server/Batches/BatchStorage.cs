using Cuboid.PostgreSql;
using Cuboid.Server.Jobs;

namespace Cuboid.Server.Batches;

/// <summary>
/// Chooses the batch store once: PostgreSQL when the store (<c>--store postgres://...</c>) or, failing that, the shared
/// queue (<c>--jobs postgres://...</c>) is a PostgreSQL database, so the processes of many machines share the step rows;
/// otherwise <c>batches.db</c> in the store folder (one machine).
/// </summary>
public sealed class BatchStorage : IDisposable
{
    private readonly PostgresDatabase? _database;

    private BatchStorage(IBatchStore store, PostgresDatabase? database)
    {
        Store = store;
        _database = database;
    }

    public IBatchStore Store { get; }

    public static BatchStorage Open(ServerOptions server, ScaleOptions scale)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(scale);
        var sharesGateway = PostgresDatabase.IsPostgres(server.Store);
        var postgres = sharesGateway ? server.Store : scale.InMemory ? null : JobStorageFactory.ConnectionString(scale.Jobs!);
        if (postgres is null)
        {
            return new BatchStorage(SqliteBatchStore.Open(server.StoreFolder()), null);
        }

        var database = PostgresDatabase.Create(postgres);
        try
        {
            return new BatchStorage(PostgresBatchStore.Open(database, holdsKeySpend: sharesGateway), database);
        }
        catch
        {
            database.Dispose();
            throw;
        }
    }

    public void Dispose() => _database?.Dispose();
}
