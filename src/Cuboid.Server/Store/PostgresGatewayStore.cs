using System.Text.Json;
using Cuboid.PostgreSql;
using Cuboid.Server.Analyses;
using Cuboid.Server.Keys;
using Npgsql;
using NpgsqlTypes;

namespace Cuboid.Server.Store;

/// <summary>
/// The gateway's store in PostgreSQL, shared by every gateway process on the database: the same records as the SQLite
/// <see cref="GatewayStore"/>, money as <c>numeric</c>, times as <c>timestamptz</c>. A spend hold takes a transaction-scoped
/// advisory lock on its key, then reads spend and live holds and inserts the hold, so holds on one key are decided one
/// at a time across processes and a key is never overspent; all in one statement (the <c>gateway_try_hold</c> function),
/// so the lock is never held while a client is between statements.
/// </summary>
public sealed partial class PostgresGatewayStore : PostgresRecordStore, IGatewayStore
{
    public const string Component = "gateway";

    // The advisory-lock namespace of spend holds ("hold"); the key id's hash is the second half.
    internal const int HoldLock = 0x686F6C64;

    private static readonly PostgresMigrations Schema = new(Component, [
        """
        CREATE TABLE gateway_keys (
            id text PRIMARY KEY, hash text NOT NULL UNIQUE, prefix text NOT NULL, name text, budget numeric, period text NOT NULL,
            models jsonb, tasks jsonb, rpm integer, created_at timestamptz NOT NULL, revoked_at timestamptz);
        CREATE TABLE gateway_spend (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, key_id text NOT NULL, period_start date NOT NULL, at timestamptz NOT NULL,
            task text NOT NULL, model text NOT NULL, input_tokens bigint NOT NULL, output_tokens bigint NOT NULL, dollars numeric NOT NULL);
        CREATE INDEX gateway_spend_key_period ON gateway_spend (key_id, period_start);
        CREATE TABLE gateway_spend_holds (
            id text PRIMARY KEY, key_id text NOT NULL, period_start date NOT NULL, dollars numeric NOT NULL,
            created_at timestamptz NOT NULL, expires_at timestamptz NOT NULL);
        CREATE INDEX gateway_spend_holds_key_period ON gateway_spend_holds (key_id, period_start);
        CREATE TABLE gateway_video_jobs (
            job_id text PRIMARY KEY, key_id text, created_at timestamptz NOT NULL, settled_at timestamptz, deleted_at timestamptz);
        CREATE INDEX gateway_video_jobs_key ON gateway_video_jobs (key_id, created_at);
        CREATE TABLE gateway_analyses (
            id text PRIMARY KEY, key_id text, status text NOT NULL, created_at timestamptz NOT NULL, record jsonb NOT NULL);
        CREATE INDEX gateway_analyses_status ON gateway_analyses (status, created_at);
        """,
        """
        CREATE TABLE gateway_webhook_targets (subject_id text PRIMARY KEY, url text NOT NULL);
        CREATE TABLE gateway_webhook_deliveries (
            id text PRIMARY KEY, url text NOT NULL, body text NOT NULL, status text NOT NULL, attempts integer NOT NULL,
            next_attempt_at timestamptz NOT NULL, last_error text, created_at timestamptz NOT NULL);
        CREATE INDEX gateway_webhook_deliveries_due ON gateway_webhook_deliveries (status, next_attempt_at);
        CREATE INDEX gateway_spend_at ON gateway_spend (at);
        """,
        """
        CREATE FUNCTION gateway_try_hold(p_id text, p_key text, p_period date, p_budget numeric, p_dollars numeric,
                                         p_now timestamptz, p_expires timestamptz, p_lock integer)
        RETURNS TABLE (used numeric, held boolean) LANGUAGE plpgsql VOLATILE AS $$
        DECLARE total numeric;
        BEGIN
            PERFORM pg_advisory_xact_lock(p_lock, hashtext(p_key));
            -- Each statement of a volatile function takes a new snapshot: this one, taken after the lock, sees every hold before.
            SELECT COALESCE((SELECT sum(s.dollars) FROM gateway_spend s WHERE s.key_id = p_key AND s.period_start = p_period), 0)
                 + COALESCE((SELECT sum(h.dollars) FROM gateway_spend_holds h WHERE h.key_id = p_key AND h.period_start = p_period AND h.expires_at > p_now), 0)
              INTO total;
            IF p_dollars > GREATEST(p_budget - total, 0) THEN
                RETURN QUERY SELECT total, false;
                RETURN;
            END IF;
            INSERT INTO gateway_spend_holds (id, key_id, period_start, dollars, created_at, expires_at)
                VALUES (p_id, p_key, p_period, p_dollars, p_now, p_expires);
            RETURN QUERY SELECT total, true;
        END
        $$;
        """,
    ]);

    private static readonly JsonSerializerOptions RecordJson = new(JsonSerializerDefaults.Web);

    private PostgresGatewayStore(PostgresDatabase database)
        : base(database)
    {
    }

    /// <summary>The schema version this code writes.</summary>
    public static int SchemaVersion => Schema.LatestVersion;

    public string Location => Database.Location;

    /// <summary>Opens (creating or upgrading the tables) the store on <paramref name="database"/>.</summary>
    public static PostgresGatewayStore Open(PostgresDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        Schema.Apply(database);
        return new PostgresGatewayStore(database);
    }

    public IssuedKey CreateKey(KeySpec spec, DateTimeOffset now)
    {
        var issued = IssuedKey.New(spec, now);
        var key = issued.Key;
        Execute("""
            INSERT INTO gateway_keys (id, hash, prefix, name, budget, period, models, tasks, rpm, created_at)
            VALUES (@id, @hash, @prefix, @name, @budget, @period, @models, @tasks, @rpm, @created)
            """, c =>
        {
            c.Parameters.AddWithValue("id", key.Id);
            c.Parameters.AddWithValue("hash", key.Hash);
            c.Parameters.AddWithValue("prefix", key.Prefix);
            c.Parameters.AddWithValue("name", NpgsqlDbType.Text, (object?)key.Name ?? DBNull.Value);
            c.Parameters.AddWithValue("budget", NpgsqlDbType.Numeric, (object?)key.Budget ?? DBNull.Value);
            c.Parameters.AddWithValue("period", key.Period.ToString().ToLowerInvariant());
            c.Parameters.AddWithValue("models", NpgsqlDbType.Jsonb, key.Models is null ? DBNull.Value : JsonSerializer.Serialize(key.Models));
            c.Parameters.AddWithValue("tasks", NpgsqlDbType.Jsonb, key.Tasks is null ? DBNull.Value : JsonSerializer.Serialize(key.Tasks));
            c.Parameters.AddWithValue("rpm", NpgsqlDbType.Integer, (object?)key.Rpm ?? DBNull.Value);
            c.Parameters.AddWithValue("created", key.CreatedAt.ToUniversalTime());
        });
        return issued;
    }

    public VirtualKey? FindByHash(string hash) => Keys("WHERE hash = @hash", c => c.Parameters.AddWithValue("hash", hash)).FirstOrDefault();

    public VirtualKey? Find(string id) => Keys("WHERE id = @id", c => c.Parameters.AddWithValue("id", id)).FirstOrDefault();

    public IReadOnlyList<VirtualKey> Keys() => Keys("ORDER BY created_at, id", _ => { });

    public bool Revoke(string id, DateTimeOffset now) =>
        Execute("UPDATE gateway_keys SET revoked_at = COALESCE(revoked_at, @at) WHERE id = @id", c =>
        {
            c.Parameters.AddWithValue("id", id);
            c.Parameters.AddWithValue("at", now.ToUniversalTime());
        }) > 0;

    public SpendHoldResult TryHold(string keyId, DateOnly periodStart, decimal budget, decimal dollars, DateTimeOffset now, DateTimeOffset expiresAt)
    {
        var id = "hold_" + Guid.CreateVersion7(now).ToString("N");
        // One statement, so one round trip in its own transaction: the key's lock is held only while the server runs the
        // function, never while this thread waits to send its next statement (with 200 holds blocking a starved thread
        // pool, every other hold on the key waited behind such a lock). Not a multi-statement batch either: Npgsql writes
        // a sync caller's second statement on the thread pool, which a starved pool never runs.
        using var command = Database.DataSource.CreateCommand(
            "SELECT used, held FROM gateway_try_hold(@id, @key, @period, @budget, @dollars, @now, @expires, @lock)");
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("key", keyId);
        command.Parameters.AddWithValue("period", periodStart);
        command.Parameters.AddWithValue("budget", budget);
        command.Parameters.AddWithValue("dollars", dollars);
        command.Parameters.AddWithValue("now", now.ToUniversalTime());
        command.Parameters.AddWithValue("expires", expiresAt.ToUniversalTime());
        command.Parameters.AddWithValue("lock", HoldLock);
        using var reader = command.ExecuteReader();
        reader.Read();
        var remaining = Math.Max(0m, budget - reader.GetDecimal(0));
        return reader.GetBoolean(1) ? new SpendHoldResult(id, remaining) : new SpendHoldResult(null, remaining);
    }

    public void Settle(string? holdId, string keyId, DateOnly periodStart, IReadOnlyList<SpendEntry> spend)
    {
        ArgumentNullException.ThrowIfNull(spend);
        // One statement is its own transaction: the release and the spend rows still commit together.
        using var command = Database.DataSource.CreateCommand();
        if (BindSettle(command, new SpendSettle(holdId, keyId, periodStart, spend)))
        {
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Releases the hold and books the spend rows inside the caller's transaction (a step's booking shares it).</summary>
    internal static void WriteSettle(NpgsqlConnection connection, NpgsqlTransaction transaction, SpendSettle settle)
    {
        using var command = new NpgsqlCommand(null, connection, transaction);
        if (BindSettle(command, settle))
        {
            command.ExecuteNonQuery();
        }
    }

    /// <summary>
    /// The settle as one statement (the spend rows as arrays), never a multi-statement batch: Npgsql writes a sync caller's
    /// second statement on the thread pool, so a settle would wait for a starved pool. False when there is nothing to write.
    /// </summary>
    private static bool BindSettle(NpgsqlCommand command, SpendSettle settle)
    {
        if (settle.HoldId is null && settle.Spend.Count == 0)
        {
            return false;
        }

        command.CommandText = """
            WITH released AS (DELETE FROM gateway_spend_holds WHERE id = @hold)
            INSERT INTO gateway_spend (key_id, period_start, at, task, model, input_tokens, output_tokens, dollars)
            SELECT @key, @period, e.at, e.task, e.model, e.input_tokens, e.output_tokens, e.dollars
            FROM unnest(@at, @task, @model, @in, @out, @dollars) AS e (at, task, model, input_tokens, output_tokens, dollars)
            """;
        var spend = settle.Spend;
        command.Parameters.AddWithValue("hold", NpgsqlDbType.Text, (object?)settle.HoldId ?? DBNull.Value);
        command.Parameters.AddWithValue("key", settle.KeyId);
        command.Parameters.AddWithValue("period", settle.PeriodStart);
        command.Parameters.AddWithValue("at", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, spend.Select(e => e.At.ToUniversalTime()).ToArray());
        command.Parameters.AddWithValue("task", NpgsqlDbType.Array | NpgsqlDbType.Text, spend.Select(e => e.Task).ToArray());
        command.Parameters.AddWithValue("model", NpgsqlDbType.Array | NpgsqlDbType.Text, spend.Select(e => e.Model).ToArray());
        command.Parameters.AddWithValue("in", NpgsqlDbType.Array | NpgsqlDbType.Bigint, spend.Select(e => e.InputTokens).ToArray());
        command.Parameters.AddWithValue("out", NpgsqlDbType.Array | NpgsqlDbType.Bigint, spend.Select(e => e.OutputTokens).ToArray());
        command.Parameters.AddWithValue("dollars", NpgsqlDbType.Array | NpgsqlDbType.Numeric, spend.Select(e => e.Dollars).ToArray());
        return true;
    }

    public void AddSpend(string keyId, DateOnly periodStart, DateTimeOffset at, string task, string model, long inputTokens, long outputTokens, decimal dollars) =>
        Settle(null, keyId, periodStart, [new SpendEntry(at, task, model, inputTokens, outputTokens, dollars)]);

    public decimal SpentIn(string keyId, DateOnly periodStart) =>
        Sum("SELECT COALESCE(sum(dollars), 0) FROM gateway_spend WHERE key_id = @key AND period_start = @period", keyId, periodStart, null);

    public decimal HeldIn(string keyId, DateOnly periodStart, DateTimeOffset now) =>
        Sum("SELECT COALESCE(sum(dollars), 0) FROM gateway_spend_holds WHERE key_id = @key AND period_start = @period AND expires_at > @now", keyId, periodStart, now);

    public IReadOnlyList<SpendRow> SpendSince(string? keyId, DateTimeOffset since) =>
        Read(keyId is null
            ? "SELECT key_id, at, task, model, input_tokens, output_tokens, dollars FROM gateway_spend WHERE at >= @since ORDER BY at, id"
            : "SELECT key_id, at, task, model, input_tokens, output_tokens, dollars FROM gateway_spend WHERE at >= @since AND key_id = @key ORDER BY at, id", c =>
        {
            c.Parameters.AddWithValue("since", since.ToUniversalTime());
            c.Parameters.AddWithValue("key", NpgsqlDbType.Text, (object?)keyId ?? DBNull.Value);
        }, r => new SpendRow(r.GetString(0), r.GetFieldValue<DateTimeOffset>(1), r.GetString(2), r.GetString(3), r.GetInt64(4), r.GetInt64(5), r.GetDecimal(6)));

    public void AddVideoJob(string jobId, string? keyId, DateTimeOffset at) =>
        Execute("INSERT INTO gateway_video_jobs (job_id, key_id, created_at) VALUES (@job, @key, @at)", c =>
        {
            c.Parameters.AddWithValue("job", jobId);
            c.Parameters.AddWithValue("key", NpgsqlDbType.Text, (object?)keyId ?? DBNull.Value);
            c.Parameters.AddWithValue("at", at.ToUniversalTime());
        });

    public GatewayVideoJob? FindVideoJob(string jobId) =>
        VideoJobs("WHERE job_id = @job AND deleted_at IS NULL", c => c.Parameters.AddWithValue("job", jobId)).FirstOrDefault();

    public IReadOnlyList<GatewayVideoJob> VideoJobsOf(string? keyId, int limit) =>
        VideoJobs(keyId is null
            ? "WHERE deleted_at IS NULL ORDER BY created_at DESC, job_id DESC LIMIT @limit"
            : "WHERE deleted_at IS NULL AND key_id = @key ORDER BY created_at DESC, job_id DESC LIMIT @limit", c =>
        {
            c.Parameters.AddWithValue("limit", limit);
            c.Parameters.AddWithValue("key", NpgsqlDbType.Text, (object?)keyId ?? DBNull.Value);
        });

    public IReadOnlyList<GatewayVideoJob> UnsettledVideoJobs() => VideoJobs("WHERE settled_at IS NULL ORDER BY created_at, job_id", _ => { });

    public void MarkVideoJobSettled(string jobId, DateTimeOffset at) => MarkVideoJob("settled_at", jobId, at);

    public void MarkVideoJobDeleted(string jobId, DateTimeOffset at) => MarkVideoJob("deleted_at", jobId, at);

    public void SaveAnalysis(AnalysisRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        Execute("""
            INSERT INTO gateway_analyses (id, key_id, status, created_at, record) VALUES (@id, @key, @status, @created, @record)
            ON CONFLICT (id) DO UPDATE SET key_id = excluded.key_id, status = excluded.status, created_at = excluded.created_at, record = excluded.record
            """, c =>
        {
            c.Parameters.AddWithValue("id", record.Id);
            c.Parameters.AddWithValue("key", NpgsqlDbType.Text, (object?)record.KeyId ?? DBNull.Value);
            c.Parameters.AddWithValue("status", record.Status);
            c.Parameters.AddWithValue("created", record.CreatedAt.ToUniversalTime());
            c.Parameters.AddWithValue("record", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(record, RecordJson));
        });
    }

    public AnalysisRecord? FindAnalysis(string id) => Analyses("WHERE id = @id", c => c.Parameters.AddWithValue("id", id)).FirstOrDefault();

    public IReadOnlyList<AnalysisRecord> AnalysesOf(string? keyId, int limit) =>
        Analyses(keyId is null
            ? "ORDER BY created_at DESC, id DESC LIMIT @limit"
            : "WHERE key_id = @key ORDER BY created_at DESC, id DESC LIMIT @limit", c =>
        {
            c.Parameters.AddWithValue("limit", limit);
            c.Parameters.AddWithValue("key", NpgsqlDbType.Text, (object?)keyId ?? DBNull.Value);
        });

    public IReadOnlyList<AnalysisRecord> UnfinishedAnalyses() => Analyses("WHERE status IN ('queued', 'running') ORDER BY created_at, id", _ => { });

    private void MarkVideoJob(string column, string jobId, DateTimeOffset at) =>
        // The column is one of our two names, never user text.
        Execute($"UPDATE gateway_video_jobs SET {column} = @at WHERE job_id = @job", c =>
        {
            c.Parameters.AddWithValue("job", jobId);
            c.Parameters.AddWithValue("at", at.ToUniversalTime());
        });

    private decimal Sum(string sql, string keyId, DateOnly periodStart, DateTimeOffset? now)
    {
        using var command = Database.DataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("key", keyId);
        command.Parameters.AddWithValue("period", periodStart);
        if (now is { } at)
        {
            command.Parameters.AddWithValue("now", at.ToUniversalTime());
        }

        return (decimal)command.ExecuteScalar()!;
    }

    private List<VirtualKey> Keys(string clause, Action<NpgsqlCommand> bind) =>
        Read($"SELECT id, hash, prefix, name, budget, period, models::text, tasks::text, rpm, created_at, revoked_at FROM gateway_keys {clause}", bind, r => new VirtualKey
        {
            Id = r.GetString(0),
            Hash = r.GetString(1),
            Prefix = r.GetString(2),
            Name = r.IsDBNull(3) ? null : r.GetString(3),
            Budget = r.IsDBNull(4) ? null : r.GetDecimal(4),
            Period = KeyPeriods.Parse(r.GetString(5)),
            Models = r.IsDBNull(6) ? null : JsonSerializer.Deserialize<string[]>(r.GetString(6)),
            Tasks = r.IsDBNull(7) ? null : JsonSerializer.Deserialize<string[]>(r.GetString(7)),
            Rpm = r.IsDBNull(8) ? null : r.GetInt32(8),
            CreatedAt = r.GetFieldValue<DateTimeOffset>(9),
            RevokedAt = r.IsDBNull(10) ? null : r.GetFieldValue<DateTimeOffset>(10),
        });

    private List<GatewayVideoJob> VideoJobs(string clause, Action<NpgsqlCommand> bind) =>
        Read($"SELECT job_id, key_id FROM gateway_video_jobs {clause}", bind, r => new GatewayVideoJob(r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1)));

    private List<AnalysisRecord> Analyses(string clause, Action<NpgsqlCommand> bind) =>
        Read($"SELECT record::text FROM gateway_analyses {clause}", bind, r => JsonSerializer.Deserialize<AnalysisRecord>(r.GetString(0), RecordJson)!);
}
