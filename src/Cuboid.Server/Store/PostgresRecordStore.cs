using Cuboid.PostgreSql;
using Npgsql;

namespace Cuboid.Server.Store;

/// <summary>
/// What the server's PostgreSQL stores (<see cref="PostgresGatewayStore"/>, <see cref="Batches.PostgresBatchStore"/>)
/// share: the pooled database and one statement per command, each run through <see cref="PostgresRetry"/> so a restarted
/// server is waited for.
/// </summary>
public abstract class PostgresRecordStore
{
    protected PostgresRecordStore(PostgresDatabase database) => Database = database;

    protected PostgresDatabase Database { get; }

    /// <summary>Runs one statement; the rows it changed.</summary>
    protected int Execute(string sql, Action<NpgsqlCommand> bind)
    {
        ArgumentNullException.ThrowIfNull(bind);
        return PostgresRetry.Run(() =>
        {
            using var command = Database.DataSource.CreateCommand(sql);
            bind(command);
            return command.ExecuteNonQuery();
        });
    }

    /// <summary>Every row of <paramref name="sql"/>, mapped.</summary>
    protected List<T> Read<T>(string sql, Action<NpgsqlCommand> bind, Func<NpgsqlDataReader, T> map)
    {
        ArgumentNullException.ThrowIfNull(bind);
        return PostgresRetry.Run(() =>
        {
            using var command = Database.DataSource.CreateCommand(sql);
            bind(command);
            return DbRows.Read(command, map);
        });
    }
}
