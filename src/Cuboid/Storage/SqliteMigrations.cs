using Microsoft.Data.Sqlite;

namespace Cuboid.Storage;

/// <summary>
/// Versioned schema upgrades for a SQLite store, tracked in <c>PRAGMA user_version</c>: migration N runs once,
/// in a transaction that also sets the version to N, so a file is always at exactly one known version. A file
/// written by a newer Cuboid (a version past the last migration) is refused rather than misread.
/// </summary>
internal sealed class SqliteMigrations(string storeName, CuboidParameter folder, IReadOnlyList<string> migrations)
{
    /// <summary>The schema version this code writes.</summary>
    public int LatestVersion => migrations.Count;

    /// <summary>Brings the database on <paramref name="connection"/> to <see cref="LatestVersion"/>; returns the version it found.</summary>
    public int Apply(SqliteConnection connection)
    {
        var found = UserVersion(connection);
        if (found > LatestVersion)
        {
            throw CuboidException.Usage(CuboidErrorCodes.StoreUnavailable, folder, $"the {storeName} at {connection.DataSource} has schema version {found}, newer than this Cuboid knows ({LatestVersion}); upgrade Cuboid or use another folder");
        }

        for (var version = found + 1; version <= LatestVersion; version++)
        {
            // BEGIN IMMEDIATE takes the write lock first, and the version is read again under it: another process opening
            // the same file at the same moment may have applied this migration already.
            using var transaction = connection.BeginTransaction(deferred: false);
            if (UserVersion(connection) >= version)
            {
                continue;
            }

            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            // PRAGMA takes no parameters; the version is our own integer.
            command.CommandText = migrations[version - 1] + $";\nPRAGMA user_version = {version};";
            command.ExecuteNonQuery();
            transaction.Commit();
        }

        return found;
    }

    /// <summary>The schema version stored in the file (0 for a new file or one written before versioning).</summary>
    public static int UserVersion(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
