using Npgsql;

namespace Cuboid.PostgreSql;

/// <summary>
/// Versioned schema upgrades for one component's tables in a PostgreSQL database, tracked in the <c>cuboid_schema</c>
/// table (component, version, applied_at). Migration N runs once, in a transaction that also records version N, under
/// <c>pg_advisory_xact_lock</c>: two processes starting at once take turns, and the second finds the work done. A
/// database written by a newer Cuboid (a version past the last migration) is refused rather than misread.
/// Add a migration; never edit a shipped one.
/// </summary>
public sealed class PostgresMigrations(string component, IReadOnlyList<string> migrations)
{
    // One lock for every component's migrations ("cuboid" in ASCII): migrations are rare and short.
    private const long SchemaLock = 0x637562_6F6964;

    /// <summary>The name under which <c>cuboid_schema</c> records this component's version.</summary>
    public string Component => component;

    /// <summary>The schema version this code writes.</summary>
    public int LatestVersion => migrations.Count;

    /// <summary>Brings the component to <see cref="LatestVersion"/>; returns the version it found.</summary>
    public int Apply(PostgresDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        return database.Reach(() =>
        {
            int? found = null;
            while (true)
            {
                using var connection = database.DataSource.OpenConnection();
                using var transaction = connection.BeginTransaction();
                Execute(connection, $"SELECT pg_advisory_xact_lock({SchemaLock})");
                Execute(connection, "CREATE TABLE IF NOT EXISTS cuboid_schema (component text PRIMARY KEY, version integer NOT NULL, applied_at timestamptz NOT NULL)");
                var version = CurrentVersion(connection, component);
                found ??= version;
                if (version > LatestVersion)
                {
                    throw CuboidException.Usage(CuboidErrorCodes.StoreUnavailable, CuboidParameters.StoreDirectory,
                        $"the {component} tables at {database.Location} have schema version {version}, newer than this Cuboid knows ({LatestVersion}); upgrade Cuboid or use another database");
                }

                if (version == LatestVersion)
                {
                    transaction.Commit();
                    return found.Value;
                }

                Execute(connection, migrations[version]);
                using (var record = new NpgsqlCommand("""
                    INSERT INTO cuboid_schema (component, version, applied_at) VALUES (@component, @version, now())
                    ON CONFLICT (component) DO UPDATE SET version = excluded.version, applied_at = excluded.applied_at
                    """, connection))
                {
                    record.Parameters.AddWithValue("component", component);
                    record.Parameters.AddWithValue("version", version + 1);
                    record.ExecuteNonQuery();
                }

                transaction.Commit();
            }
        });
    }

    /// <summary>The version <c>cuboid_schema</c> records for <paramref name="component"/> on this connection (0: none yet).</summary>
    public static int CurrentVersion(NpgsqlConnection connection, string component)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using (var exists = new NpgsqlCommand("SELECT to_regclass('cuboid_schema') IS NOT NULL", connection))
        {
            if (exists.ExecuteScalar() is not true)
            {
                return 0;
            }
        }

        using var command = new NpgsqlCommand("SELECT version FROM cuboid_schema WHERE component = @component", connection);
        command.Parameters.AddWithValue("component", component);
        return command.ExecuteScalar() is int version ? version : 0;
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
