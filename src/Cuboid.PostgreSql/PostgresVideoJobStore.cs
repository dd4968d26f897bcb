using System.Text.Json;
using Cuboid.Generation.Jobs;
using Cuboid.Portfolio;
using Npgsql;
using NpgsqlTypes;

namespace Cuboid.PostgreSql;

/// <summary>
/// Video jobs in PostgreSQL, shared by every process on the database: one row per job (the whole <see cref="VideoJob"/> as
/// <c>jsonb</c> beside its state, times and row version), outputs under <c>OUTPUTS/&lt;id&gt;/</c> on storage all the
/// processes see. <see cref="TrySave"/> is a single conditional statement, so of two workers racing for a job exactly one
/// moves it on.
/// </summary>
public sealed class PostgresVideoJobStore : IVideoJobStore
{
    public const string Component = "video_jobs";

    private static readonly PostgresMigrations Schema = new(Component, [
        """
        CREATE TABLE video_jobs (
            id text PRIMARY KEY, host text NOT NULL, state text NOT NULL,
            created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL, record jsonb NOT NULL, version bigint NOT NULL);
        CREATE INDEX video_jobs_created ON video_jobs (created_at DESC, id DESC);
        CREATE INDEX video_jobs_state ON video_jobs (state);
        """,
    ]);

    private const string Columns = "(id, host, state, created_at, updated_at, record, version) VALUES (@id, @host, @state, @created, @updated, @record, 1)";

    private readonly PostgresDatabase _database;
    private readonly string _outputs;

    private PostgresVideoJobStore(PostgresDatabase database, string outputs)
    {
        _database = database;
        _outputs = outputs;
    }

    /// <summary>The schema version this code writes.</summary>
    public static int SchemaVersion => Schema.LatestVersion;

    public string Location => _database.Location;

    /// <summary>Opens (creating or upgrading the tables) the store on <paramref name="database"/>; outputs go under <paramref name="outputsDirectory"/>.</summary>
    public static PostgresVideoJobStore Open(PostgresDatabase database, string outputsDirectory)
    {
        ArgumentNullException.ThrowIfNull(database);
        Schema.Apply(database);
        return new PostgresVideoJobStore(database, outputsDirectory);
    }

    public string OutputDirectory(string jobId) => Path.Combine(_outputs, "jobs", jobId);

    public void Save(VideoJob job) => Write(job, $"""
        INSERT INTO video_jobs {Columns}
        ON CONFLICT (id) DO UPDATE SET host = excluded.host, state = excluded.state, created_at = excluded.created_at,
            updated_at = excluded.updated_at, record = excluded.record, version = video_jobs.version + 1
        """);

    public VideoJob? TrySave(VideoJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        // One statement each: PostgreSQL re-checks the version on the row it locks, so a racing writer finds it moved on.
        var saved = Write(job, job.Version == 0
            ? $"INSERT INTO video_jobs {Columns} ON CONFLICT (id) DO NOTHING"
            : "UPDATE video_jobs SET host = @host, state = @state, created_at = @created, updated_at = @updated, record = @record, version = version + 1 WHERE id = @id AND version = @version");
        return saved ? job with { Version = job.Version + 1 } : null;
    }

    public VideoJob? Find(string id) => Query("SELECT record::text, version FROM video_jobs WHERE id = @id", c => c.Parameters.AddWithValue("id", id)).FirstOrDefault();

    public IReadOnlyList<VideoJob> List(int limit = 50) =>
        Query("SELECT record::text, version FROM video_jobs ORDER BY created_at DESC, id DESC LIMIT @limit", c => c.Parameters.AddWithValue("limit", limit));

    private bool Write(VideoJob job, string sql)
    {
        using var command = _database.DataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("id", job.Id);
        command.Parameters.AddWithValue("host", job.Host);
        command.Parameters.AddWithValue("state", job.State.ToString());
        command.Parameters.AddWithValue("created", job.CreatedAt.ToUniversalTime());
        command.Parameters.AddWithValue("updated", job.UpdatedAt.ToUniversalTime());
        command.Parameters.AddWithValue("record", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(job, PortfolioJson.Options));
        command.Parameters.AddWithValue("version", job.Version);
        return command.ExecuteNonQuery() > 0;
    }

    private List<VideoJob> Query(string sql, Action<NpgsqlCommand> bind)
    {
        using var command = _database.DataSource.CreateCommand(sql);
        bind(command);
        using var reader = command.ExecuteReader();
        var jobs = new List<VideoJob>();
        while (reader.Read())
        {
            // The row's version is the truth; the one inside the JSON is whatever the writer held.
            jobs.Add(JsonSerializer.Deserialize<VideoJob>(reader.GetString(0), PortfolioJson.Options)! with { Version = reader.GetInt64(1) });
        }

        return jobs;
    }
}
