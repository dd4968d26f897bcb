using System.Globalization;
using System.Text.Json;
using Cuboid.Generation.Jobs;
using Cuboid.Portfolio;
using Microsoft.Data.Sqlite;

namespace Cuboid.Storage;

/// <summary>
/// Video jobs in SQLite (<c>~/.local/share/cuboid/jobs.db</c>, <c>$XDG_DATA_HOME</c> honoured, or a folder of the
/// caller's): one row per job holding the whole <see cref="VideoJob"/> as JSON beside its state and times, and each
/// job's outputs under <c>jobs/&lt;id&gt;/</c>. Jobs are data, not cache: they are what lets a restarted process resume
/// polling and never re-create a job. WAL mode and one pooled connection per operation, as in <see cref="AnalysisCache"/>,
/// so concurrent jobs and processes share it safely.
/// </summary>
public sealed class SqliteVideoJobStore : IVideoJobStore
{
    public const string FileName = "jobs.db";

    // One writer at a time inside the process: hundreds of concurrent jobs otherwise queue on SQLite's file lock,
    // each holding a thread-pool thread, and outlast the busy timeout. Other processes still meet the busy timeout.
    private static readonly Lock WriteGate = new();

    // Version 1 is the table as it was before the store was versioned (a file from then upgrades in place); version 2
    // adds the row version behind TrySave (rows already there start at 1, so 0 always means "not saved yet").
    private static readonly SqliteMigrations Schema = new("job store", CuboidParameters.StoreDirectory, [
        """
        CREATE TABLE IF NOT EXISTS video_jobs (
            id TEXT PRIMARY KEY, host TEXT NOT NULL, state TEXT NOT NULL,
            created_at TEXT NOT NULL, updated_at TEXT NOT NULL, record TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS video_jobs_created ON video_jobs (created_at);
        """,
        "ALTER TABLE video_jobs ADD COLUMN version INTEGER NOT NULL DEFAULT 1",
    ]);

    private readonly string _connectionString;
    private readonly string _directory;

    /// <summary>The schema version this code writes (<c>PRAGMA user_version</c>).</summary>
    public static int SchemaVersion => Schema.LatestVersion;

    private SqliteVideoJobStore(string directory)
    {
        _directory = directory;
        Path = System.IO.Path.Combine(directory, FileName);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true, DefaultTimeout = 30 }.ToString();
    }

    public string Path { get; }

    /// <summary><c>$XDG_DATA_HOME/cuboid</c>, else <c>~/.local/share/cuboid</c>.</summary>
    public static string DefaultDirectory =>
        System.IO.Path.Combine(
            Environment.GetEnvironmentVariable("XDG_DATA_HOME") is { Length: > 0 } xdg ? xdg : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share"),
            "cuboid");

    public static SqliteVideoJobStore Open(string directory)
    {
        try
        {
            Directory.CreateDirectory(directory);
            var store = new SqliteVideoJobStore(directory);
            using var connection = store.Connect();
            using (var command = connection.CreateCommand())
            {
                command.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;";
                command.ExecuteNonQuery();
            }

            Schema.Apply(connection);
            return store;
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            throw CuboidException.Usage(CuboidErrorCodes.StoreUnavailable, CuboidParameters.StoreDirectory, $"the job store at {directory} cannot be opened ({ex.Message.ReplaceLineEndings(" ")}); pass another folder with {CuboidParameters.StoreDirectory}");
        }
    }

    public string OutputDirectory(string jobId) => System.IO.Path.Combine(_directory, "jobs", jobId);

    public void Save(VideoJob job) => Write(job, """
        INSERT INTO video_jobs (id, host, state, created_at, updated_at, record, version) VALUES ($id, $host, $state, $created, $updated, $record, 1)
        ON CONFLICT (id) DO UPDATE SET host = excluded.host, state = excluded.state, created_at = excluded.created_at,
            updated_at = excluded.updated_at, record = excluded.record, version = video_jobs.version + 1
        """);

    public VideoJob? TrySave(VideoJob job)
    {
        // Version 0 claims a new id; any other version replaces exactly the row it was read from.
        var saved = Write(job, job.Version == 0
            ? "INSERT INTO video_jobs (id, host, state, created_at, updated_at, record, version) VALUES ($id, $host, $state, $created, $updated, $record, 1) ON CONFLICT (id) DO NOTHING"
            : "UPDATE video_jobs SET host = $host, state = $state, created_at = $created, updated_at = $updated, record = $record, version = version + 1 WHERE id = $id AND version = $version");
        return saved ? job with { Version = job.Version + 1 } : null;
    }

    public VideoJob? Find(string id) => Query("SELECT record, version FROM video_jobs WHERE id = $id", ("$id", id)).FirstOrDefault();

    public IReadOnlyList<VideoJob> List(int limit = 50) =>
        Query("SELECT record, version FROM video_jobs ORDER BY created_at DESC, id DESC LIMIT $n", ("$n", limit));

    private bool Write(VideoJob job, string sql)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", job.Id);
        command.Parameters.AddWithValue("$host", job.Host);
        command.Parameters.AddWithValue("$state", job.State.ToString());
        command.Parameters.AddWithValue("$created", job.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$updated", job.UpdatedAt.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$record", JsonSerializer.Serialize(job, PortfolioJson.Options));
        command.Parameters.AddWithValue("$version", job.Version);
        lock (WriteGate)
        {
            return command.ExecuteNonQuery() > 0;
        }
    }

    private List<VideoJob> Query(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        using var reader = command.ExecuteReader();
        var jobs = new List<VideoJob>();
        while (reader.Read())
        {
            // The row's version is the truth; the one inside the JSON is whatever the writer held.
            jobs.Add(JsonSerializer.Deserialize<VideoJob>(reader.GetString(0), PortfolioJson.Options)! with { Version = reader.GetInt64(1) });
        }

        return jobs;
    }

    private SqliteConnection Connect()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }
}
