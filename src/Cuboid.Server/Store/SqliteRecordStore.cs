using Cuboid.Storage;
using Microsoft.Data.Sqlite;

namespace Cuboid.Server.Store;

/// <summary>
/// What the server's SQLite stores (<see cref="GatewayStore"/>, <see cref="Batches.SqliteBatchStore"/>) share: one file in
/// the store folder opened in WAL mode (so the processes of one machine share it) and migrated on open, one pooled
/// connection per operation, writes of one process taken one at a time, and the one query loop.
/// </summary>
public abstract class SqliteRecordStore
{
    private readonly string _connectionString;

    protected SqliteRecordStore(string path)
    {
        Path = path;
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true, DefaultTimeout = 30 }.ToString();
    }

    /// <summary>The full path of the SQLite file.</summary>
    public string Path { get; }

    /// <summary>Taken around every write of this process, so its threads never meet SQLite's busy lock among themselves.</summary>
    protected Lock WriteGate { get; } = new();

    /// <summary>
    /// Creates <paramref name="directory"/>, makes the store on <paramref name="fileName"/> in it, switches the file to WAL
    /// and applies <paramref name="migrations"/>; one usage error naming <paramref name="what"/> when it cannot be opened.
    /// </summary>
    private protected static T Open<T>(string directory, string fileName, string what, SqliteMigrations migrations, Func<string, T> create)
        where T : SqliteRecordStore
    {
        ArgumentNullException.ThrowIfNull(migrations);
        ArgumentNullException.ThrowIfNull(create);
        try
        {
            Directory.CreateDirectory(directory);
            var store = create(System.IO.Path.Combine(directory, fileName));
            using var connection = store.Connect();
            Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", _ => { });
            migrations.Apply(connection);
            return store;
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            throw CuboidException.Usage($"the {what} at {directory} cannot be opened ({ex.Message.ReplaceLineEndings(" ")}); pass another folder with --store");
        }
    }

    protected SqliteConnection Connect()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    /// <summary>Runs one statement on its own connection; the rows it changed.</summary>
    protected int Write(string sql, Action<SqliteCommand> bind)
    {
        ArgumentNullException.ThrowIfNull(bind);
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command);
        lock (WriteGate)
        {
            return command.ExecuteNonQuery();
        }
    }

    /// <summary>The one query loop: every row of <paramref name="sql"/>, mapped.</summary>
    protected List<T> Read<T>(string sql, Action<SqliteCommand> bind, Func<SqliteDataReader, T> map)
    {
        using var connection = Connect();
        return Read(connection, sql, bind, map);
    }

    protected static List<T> Read<T>(SqliteConnection connection, string sql, Action<SqliteCommand> bind, Func<SqliteDataReader, T> map)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(bind);
        ArgumentNullException.ThrowIfNull(map);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command);
        return DbRows.Read(command, map);
    }

    protected static int Execute(SqliteConnection connection, string sql, Action<SqliteCommand> bind)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(bind);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command);
        return command.ExecuteNonQuery();
    }
}
