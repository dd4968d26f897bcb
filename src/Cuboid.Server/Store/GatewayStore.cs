using System.Globalization;
using System.Text.Json;
using Cuboid.Server.Analyses;
using Cuboid.Server.Keys;
using Cuboid.Storage;
using Microsoft.Data.Sqlite;

namespace Cuboid.Server.Store;

/// <summary>
/// The gateway's embedded SQLite store (<c>gateway.db</c> in the store folder): virtual keys (hashed, never the
/// secret), one spend row per paid call, which key started each video job, and the
/// analyses. Versioned by <see cref="SqliteMigrations"/>; WAL mode and one pooled
/// connection per operation, as in the library's stores. Budgets are decided in memory, exact across the threads and
/// instances of one process, and holds and settles are written to the file in batches off the request's path
/// (<c>GatewayStore.Budgets.cs</c>); several gateway processes share budgets through PostgreSQL.
/// </summary>
public sealed partial class GatewayStore : SqliteRecordStore, IGatewayStore, IDisposable
{
    public const string FileName = "gateway.db";

    private static readonly SqliteMigrations Migrations = new("gateway store", CuboidParameters.StoreDirectory,
    [
        """
        CREATE TABLE keys (
            id TEXT PRIMARY KEY, hash TEXT NOT NULL UNIQUE, prefix TEXT NOT NULL, name TEXT,
            budget TEXT, period TEXT NOT NULL, models TEXT, tasks TEXT, rpm INTEGER,
            created_at TEXT NOT NULL, revoked_at TEXT);
        CREATE TABLE spend (
            key_id TEXT NOT NULL, period_start TEXT NOT NULL, at TEXT NOT NULL, task TEXT NOT NULL, model TEXT NOT NULL,
            input_tokens INTEGER NOT NULL, output_tokens INTEGER NOT NULL, dollars TEXT NOT NULL);
        CREATE INDEX spend_key_period ON spend (key_id, period_start);
        """,
        """
        CREATE TABLE video_jobs (
            job_id TEXT PRIMARY KEY, key_id TEXT, created_at TEXT NOT NULL, settled_at TEXT, deleted_at TEXT);
        CREATE INDEX video_jobs_key ON video_jobs (key_id, created_at);
        """,
        """
        CREATE TABLE analyses (
            id TEXT PRIMARY KEY, key_id TEXT, status TEXT NOT NULL, created_at TEXT NOT NULL, record TEXT NOT NULL);
        """,
        """
        CREATE TABLE webhook_targets (subject_id TEXT PRIMARY KEY, url TEXT NOT NULL);
        CREATE TABLE webhook_deliveries (
            id TEXT PRIMARY KEY, url TEXT NOT NULL, body TEXT NOT NULL, status TEXT NOT NULL, attempts INTEGER NOT NULL,
            next_attempt_at TEXT NOT NULL, last_error TEXT, created_at TEXT NOT NULL);
        CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
        """,
        """
        CREATE TABLE spend_holds (
            id TEXT PRIMARY KEY, key_id TEXT NOT NULL, period_start TEXT NOT NULL, dollars TEXT NOT NULL,
            created_at TEXT NOT NULL, expires_ms INTEGER NOT NULL);
        CREATE INDEX spend_holds_key_period ON spend_holds (key_id, period_start);
        """,
        """
        CREATE TABLE spend_totals (
            key_id TEXT NOT NULL, period_start TEXT NOT NULL, dollars TEXT NOT NULL, PRIMARY KEY (key_id, period_start));
        """,
        """
        CREATE TABLE spend_bookings (id TEXT PRIMARY KEY, dollars TEXT NOT NULL);
        """,
    ]);

    /// <summary>The schema version this code writes (<c>PRAGMA user_version</c>).</summary>
    public static int SchemaVersion => Migrations.LatestVersion;

    private static readonly JsonSerializerOptions RecordJson = new(JsonSerializerDefaults.Web);

    private GatewayStore(string path)
        : base(path)
    {
        _book = BooksByFile.GetOrAdd(System.IO.Path.GetFullPath(path), static _ => new());
        _ = WriteLoopAsync();
    }

    public string Location => Path;

    /// <summary>Opens (creating or upgrading) the store in <paramref name="directory"/>.</summary>
    public static GatewayStore Open(string directory) => Open(directory, FileName, "gateway store", Migrations, path => new GatewayStore(path));

    /// <summary>Issues a key: stores its hash and returns the secret, which is never stored.</summary>
    public IssuedKey CreateKey(KeySpec spec, DateTimeOffset now)
    {
        var issued = IssuedKey.New(spec, now);
        var key = issued.Key;
        Write("""
            INSERT INTO keys (id, hash, prefix, name, budget, period, models, tasks, rpm, created_at)
            VALUES ($id, $hash, $prefix, $name, $budget, $period, $models, $tasks, $rpm, $created)
            """, c =>
        {
            c.Parameters.AddWithValue("$id", key.Id);
            c.Parameters.AddWithValue("$hash", key.Hash);
            c.Parameters.AddWithValue("$prefix", key.Prefix);
            c.Parameters.AddWithValue("$name", (object?)key.Name ?? DBNull.Value);
            c.Parameters.AddWithValue("$budget", key.Budget is { } b ? b.ToString(CultureInfo.InvariantCulture) : DBNull.Value);
            c.Parameters.AddWithValue("$period", key.Period.ToString().ToLowerInvariant());
            c.Parameters.AddWithValue("$models", key.Models is null ? DBNull.Value : JsonSerializer.Serialize(key.Models));
            c.Parameters.AddWithValue("$tasks", key.Tasks is null ? DBNull.Value : JsonSerializer.Serialize(key.Tasks));
            c.Parameters.AddWithValue("$rpm", (object?)key.Rpm ?? DBNull.Value);
            c.Parameters.AddWithValue("$created", Text(key.CreatedAt));
        });
        return issued;
    }

    /// <summary>The key whose secret hashes to <paramref name="hash"/>, revoked or not.</summary>
    public VirtualKey? FindByHash(string hash) => Query("SELECT * FROM keys WHERE hash = $hash", c => c.Parameters.AddWithValue("$hash", hash)).FirstOrDefault();

    public VirtualKey? Find(string id) => Query("SELECT * FROM keys WHERE id = $id", c => c.Parameters.AddWithValue("$id", id)).FirstOrDefault();

    public IReadOnlyList<VirtualKey> Keys() => Query("SELECT * FROM keys ORDER BY created_at", _ => { });

    /// <summary>Revokes a key; false when there is no such key.</summary>
    public bool Revoke(string id, DateTimeOffset now) =>
        Write("UPDATE keys SET revoked_at = COALESCE(revoked_at, $at) WHERE id = $id", c =>
        {
            c.Parameters.AddWithValue("$id", id);
            c.Parameters.AddWithValue("$at", Text(now));
        }) > 0;

    public decimal HeldIn(string keyId, DateOnly periodStart, DateTimeOffset now)
    {
        FlushPendingSettles();
        using var connection = Connect();
        return HeldIn(connection, keyId, periodStart, now);
    }

    /// <summary>Books one paid call against a key's period.</summary>
    public void AddSpend(string keyId, DateOnly periodStart, DateTimeOffset at, string task, string model, long inputTokens, long outputTokens, decimal dollars) =>
        Settle(null, keyId, periodStart, [new SpendEntry(at, task, model, inputTokens, outputTokens, dollars)]);

    /// <summary>Dollars a key has spent in the period starting on <paramref name="periodStart"/> (decimal, summed here, not in SQLite's floats).</summary>
    public decimal SpentIn(string keyId, DateOnly periodStart)
    {
        FlushPendingSettles();
        using var connection = Connect();
        return SpentIn(connection, keyId, periodStart);
    }

    /// <summary>The spend rows booked at or after <paramref name="since"/>, of one key or (null) of every key: what <c>/v1/usage</c> adds up.</summary>
    public IReadOnlyList<SpendRow> SpendSince(string? keyId, DateTimeOffset since)
    {
        FlushPendingSettles();
        return Read(keyId is null
            ? "SELECT key_id, at, task, model, input_tokens, output_tokens, dollars FROM spend WHERE at >= $since"
            : "SELECT key_id, at, task, model, input_tokens, output_tokens, dollars FROM spend WHERE at >= $since AND key_id = $key", c =>
        {
            c.Parameters.AddWithValue("$since", Text(since.ToUniversalTime()));
            c.Parameters.AddWithValue("$key", (object?)keyId ?? DBNull.Value);
        }, reader => new SpendRow(reader.GetString(0), DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture), reader.GetString(2), reader.GetString(3),
            reader.GetInt64(4), reader.GetInt64(5), decimal.Parse(reader.GetString(6), CultureInfo.InvariantCulture)));
    }

    /// <summary>Records that the gateway started a video job for a key (null: the admin).</summary>
    public void AddVideoJob(string jobId, string? keyId, DateTimeOffset at) =>
        Write("INSERT INTO video_jobs (job_id, key_id, created_at) VALUES ($job, $key, $at)", c =>
        {
            c.Parameters.AddWithValue("$job", jobId);
            c.Parameters.AddWithValue("$key", (object?)keyId ?? DBNull.Value);
            c.Parameters.AddWithValue("$at", Text(at));
        });

    /// <summary>The gateway's record of a video job it has not deleted: whose it is.</summary>
    public GatewayVideoJob? FindVideoJob(string jobId) =>
        VideoJobs("SELECT job_id, key_id FROM video_jobs WHERE job_id = $job AND deleted_at IS NULL", c => c.Parameters.AddWithValue("$job", jobId)).FirstOrDefault();

    /// <summary>The newest video jobs of a key (every key's for null), not deleted.</summary>
    public IReadOnlyList<GatewayVideoJob> VideoJobsOf(string? keyId, int limit) =>
        VideoJobs(keyId is null
            ? "SELECT job_id, key_id FROM video_jobs WHERE deleted_at IS NULL ORDER BY created_at DESC LIMIT $limit"
            : "SELECT job_id, key_id FROM video_jobs WHERE deleted_at IS NULL AND key_id = $key ORDER BY created_at DESC LIMIT $limit", c =>
        {
            c.Parameters.AddWithValue("$limit", limit);
            c.Parameters.AddWithValue("$key", (object?)keyId ?? DBNull.Value);
        });

    /// <summary>Video jobs whose cost has not been booked yet: the ones to wait for after a restart.</summary>
    public IReadOnlyList<GatewayVideoJob> UnsettledVideoJobs() =>
        VideoJobs("SELECT job_id, key_id FROM video_jobs WHERE settled_at IS NULL", _ => { });

    public void MarkVideoJobSettled(string jobId, DateTimeOffset at) =>
        Write("UPDATE video_jobs SET settled_at = $at WHERE job_id = $job", c =>
        {
            c.Parameters.AddWithValue("$job", jobId);
            c.Parameters.AddWithValue("$at", Text(at));
        });

    public void MarkVideoJobDeleted(string jobId, DateTimeOffset at) =>
        Write("UPDATE video_jobs SET deleted_at = $at WHERE job_id = $job", c =>
        {
            c.Parameters.AddWithValue("$job", jobId);
            c.Parameters.AddWithValue("$at", Text(at));
        });

    /// <summary>Saves an analysis record (insert or replace).</summary>
    public void SaveAnalysis(AnalysisRecord record) =>
        Write("INSERT OR REPLACE INTO analyses (id, key_id, status, created_at, record) VALUES ($id, $key, $status, $created, $record)", c =>
        {
            c.Parameters.AddWithValue("$id", record.Id);
            c.Parameters.AddWithValue("$key", (object?)record.KeyId ?? DBNull.Value);
            c.Parameters.AddWithValue("$status", record.Status);
            c.Parameters.AddWithValue("$created", Text(record.CreatedAt));
            c.Parameters.AddWithValue("$record", JsonSerializer.Serialize(record, RecordJson));
        });

    public AnalysisRecord? FindAnalysis(string id) =>
        Analyses("SELECT record FROM analyses WHERE id = $id", c => c.Parameters.AddWithValue("$id", id)).FirstOrDefault();

    /// <summary>The newest analyses of a key (every key's for null).</summary>
    public IReadOnlyList<AnalysisRecord> AnalysesOf(string? keyId, int limit) =>
        Analyses(keyId is null
            ? "SELECT record FROM analyses ORDER BY created_at DESC LIMIT $limit"
            : "SELECT record FROM analyses WHERE key_id = $key ORDER BY created_at DESC LIMIT $limit", c =>
        {
            c.Parameters.AddWithValue("$limit", limit);
            c.Parameters.AddWithValue("$key", (object?)keyId ?? DBNull.Value);
        });

    /// <summary>Analyses not finished: the ones to run (again) after a restart, oldest first.</summary>
    public IReadOnlyList<AnalysisRecord> UnfinishedAnalyses() =>
        Analyses("SELECT record FROM analyses WHERE status IN ('queued', 'running') ORDER BY created_at", _ => { });

    private List<AnalysisRecord> Analyses(string sql, Action<SqliteCommand> bind) =>
        Read(sql, bind, reader => JsonSerializer.Deserialize<AnalysisRecord>(reader.GetString(0), RecordJson)!);

    private List<GatewayVideoJob> VideoJobs(string sql, Action<SqliteCommand> bind) =>
        Read(sql, bind, reader => new GatewayVideoJob(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1)));

    private static decimal SpentIn(SqliteConnection connection, string keyId, DateOnly periodStart) =>
        Read(connection, "SELECT dollars FROM spend WHERE key_id = $key AND period_start = $period", c =>
        {
            c.Parameters.AddWithValue("$key", keyId);
            c.Parameters.AddWithValue("$period", Day(periodStart));
        }, reader => decimal.Parse(reader.GetString(0), CultureInfo.InvariantCulture)).Sum();

    /// <summary>
    /// What a key spent in a period, from <c>spend_totals</c> (one row, kept by <see cref="Settle"/>) instead of adding up
    /// every spend row, which made each hold slower as a key was used. A period without a total (spend booked before
    /// schema version 6) is added up once here and saved. Called under the write lock.
    /// </summary>
    private static decimal TotalIn(SqliteConnection connection, string keyId, DateOnly periodStart)
    {
        if (StoredTotal(connection, keyId, periodStart) is { } total)
        {
            return total;
        }

        var spent = SpentIn(connection, keyId, periodStart);
        SaveTotal(connection, keyId, periodStart, spent);
        return spent;
    }

    private static decimal? StoredTotal(SqliteConnection connection, string keyId, DateOnly periodStart) =>
        Read(connection, "SELECT dollars FROM spend_totals WHERE key_id = $key AND period_start = $period", c =>
        {
            c.Parameters.AddWithValue("$key", keyId);
            c.Parameters.AddWithValue("$period", Day(periodStart));
        }, reader => (decimal?)decimal.Parse(reader.GetString(0), CultureInfo.InvariantCulture)).FirstOrDefault();

    private static void SaveTotal(SqliteConnection connection, string keyId, DateOnly periodStart, decimal dollars) =>
        Execute(connection, "INSERT OR REPLACE INTO spend_totals (key_id, period_start, dollars) VALUES ($key, $period, $dollars)", c =>
        {
            c.Parameters.AddWithValue("$key", keyId);
            c.Parameters.AddWithValue("$period", Day(periodStart));
            c.Parameters.AddWithValue("$dollars", dollars.ToString(CultureInfo.InvariantCulture));
        });

    private static decimal HeldIn(SqliteConnection connection, string keyId, DateOnly periodStart, DateTimeOffset now) =>
        Read(connection, "SELECT dollars FROM spend_holds WHERE key_id = $key AND period_start = $period AND expires_ms > $now", c =>
        {
            c.Parameters.AddWithValue("$key", keyId);
            c.Parameters.AddWithValue("$period", Day(periodStart));
            c.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        }, reader => decimal.Parse(reader.GetString(0), CultureInfo.InvariantCulture)).Sum();

    private List<VirtualKey> Query(string sql, Action<SqliteCommand> bind) => Read(sql, bind, reader => new VirtualKey
    {
        Id = reader.GetString(reader.GetOrdinal("id")),
        Hash = reader.GetString(reader.GetOrdinal("hash")),
        Prefix = reader.GetString(reader.GetOrdinal("prefix")),
        Name = Optional(reader, "name"),
        Budget = Optional(reader, "budget") is { } budget ? decimal.Parse(budget, CultureInfo.InvariantCulture) : null,
        Period = KeyPeriods.Parse(reader.GetString(reader.GetOrdinal("period"))),
        Models = Optional(reader, "models") is { } models ? JsonSerializer.Deserialize<string[]>(models) : null,
        Tasks = Optional(reader, "tasks") is { } tasks ? JsonSerializer.Deserialize<string[]>(tasks) : null,
        Rpm = reader.IsDBNull(reader.GetOrdinal("rpm")) ? null : reader.GetInt32(reader.GetOrdinal("rpm")),
        CreatedAt = DateTimeOffset.Parse(reader.GetString(reader.GetOrdinal("created_at")), CultureInfo.InvariantCulture),
        RevokedAt = Optional(reader, "revoked_at") is { } revoked ? DateTimeOffset.Parse(revoked, CultureInfo.InvariantCulture) : null,
    });

    private static string? Optional(SqliteDataReader reader, string column)
    {
        var ordinal = reader.GetOrdinal(column);
        return reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
    }

    internal static string Text(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);

    internal static string Day(DateOnly day) => day.ToString("O", CultureInfo.InvariantCulture);
}
