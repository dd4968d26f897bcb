using System.Text.Json;
using Cuboid.PostgreSql;
using Cuboid.Server.Store;
using Cuboid.Server.Videos;
using Npgsql;
using NpgsqlTypes;

namespace Cuboid.Server.Batches;

/// <summary>
/// The batch store in PostgreSQL, shared by the API and worker processes of many machines: the same rows as
/// <see cref="SqliteBatchStore"/>, money as <c>numeric</c>, times as <c>timestamptz</c>. Every statement rides out a
/// restarted server (<see cref="PostgresRetry"/>); each is a keyed or conditional write, so running it again is safe.
/// </summary>
public sealed class PostgresBatchStore : PostgresRecordStore, IBatchStore
{
    public const string Component = "batches";

    private static readonly PostgresMigrations Schema = new(Component, [
        """
        CREATE TABLE batch_batches (id text PRIMARY KEY, key_id text, created_at timestamptz NOT NULL, record jsonb NOT NULL);
        CREATE TABLE batch_items (
            id text PRIMARY KEY, batch_id text NOT NULL, key_id text, name text NOT NULL, content_hash text NOT NULL,
            settings_key text NOT NULL, status text NOT NULL, error text, reused_from text, created_at timestamptz NOT NULL,
            finished_at timestamptz, finish_claimed boolean NOT NULL DEFAULT false);
        CREATE INDEX batch_items_batch ON batch_items (batch_id, created_at);
        CREATE INDEX batch_items_hash ON batch_items (content_hash, settings_key, status);
        CREATE TABLE batch_steps (
            item_id text NOT NULL, step text NOT NULL, state text NOT NULL, dollars numeric NOT NULL DEFAULT 0,
            PRIMARY KEY (item_id, step));
        CREATE TABLE batch_video_holds (job_id text PRIMARY KEY, hold_id text, period_start date NOT NULL);
        """,
        "ALTER TABLE batch_items ADD COLUMN finish_claimant text, ADD COLUMN finish_queued boolean NOT NULL DEFAULT false;",
    ]);

    private static readonly JsonSerializerOptions RecordJson = new(JsonSerializerDefaults.Web);
    private PostgresBatchStore(PostgresDatabase database, bool holdsKeySpend)
        : base(database) => HoldsKeySpend = holdsKeySpend;

    public string Location => Database.Location;

    /// <summary>
    /// True when this database also holds the gateway's keys and spend (<c>--store postgres://...</c>): a step's cost and
    /// its key spend are then booked in one transaction (<see cref="CompleteStep(string, string, decimal, SpendSettle?)"/>).
    /// </summary>
    public bool HoldsKeySpend { get; }

    /// <summary>Opens (creating or upgrading the tables) the store on <paramref name="database"/>.</summary>
    /// <param name="holdsKeySpend">Whether <paramref name="database"/> is also the gateway store's (its spend tables exist there).</param>
    public static PostgresBatchStore Open(PostgresDatabase database, bool holdsKeySpend = false)
    {
        ArgumentNullException.ThrowIfNull(database);
        Schema.Apply(database);
        return new PostgresBatchStore(database, holdsKeySpend);
    }

    public void AddBatch(BatchRecord batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        Execute("INSERT INTO batch_batches (id, key_id, created_at, record) VALUES (@id, @key, @at, @record) ON CONFLICT (id) DO NOTHING", c =>
        {
            c.Parameters.AddWithValue("id", batch.Id);
            c.Parameters.AddWithValue("key", (object?)batch.KeyId ?? DBNull.Value);
            c.Parameters.AddWithValue("at", batch.CreatedAt.ToUniversalTime());
            c.Parameters.AddWithValue("record", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(batch, RecordJson));
        });
    }

    public BatchRecord? FindBatch(string id) =>
        Read("SELECT record::text FROM batch_batches WHERE id = @id", c => c.Parameters.AddWithValue("id", id), r => JsonSerializer.Deserialize<BatchRecord>(r.GetString(0), RecordJson)!).FirstOrDefault();

    public IReadOnlyList<BatchRecord> Batches(string? keyId, int limit) =>
        Read(keyId is null ? "SELECT record::text FROM batch_batches ORDER BY created_at DESC LIMIT @limit" : "SELECT record::text FROM batch_batches WHERE key_id = @key ORDER BY created_at DESC LIMIT @limit", c =>
        {
            c.Parameters.AddWithValue("key", (object?)keyId ?? DBNull.Value);
            c.Parameters.AddWithValue("limit", limit);
        }, r => JsonSerializer.Deserialize<BatchRecord>(r.GetString(0), RecordJson)!);

    public void AddItem(BatchItem item, string? keyId, string settingsKey)
    {
        ArgumentNullException.ThrowIfNull(item);
        Execute("""
            INSERT INTO batch_items (id, batch_id, key_id, name, content_hash, settings_key, status, error, reused_from, created_at, finished_at)
            VALUES (@id, @batch, @key, @name, @hash, @settings, @status, @error, @reused, @at, @finished) ON CONFLICT (id) DO NOTHING
            """, c =>
        {
            c.Parameters.AddWithValue("id", item.Id);
            c.Parameters.AddWithValue("batch", item.BatchId);
            c.Parameters.AddWithValue("key", (object?)keyId ?? DBNull.Value);
            c.Parameters.AddWithValue("name", item.Name);
            c.Parameters.AddWithValue("hash", item.ContentHash);
            c.Parameters.AddWithValue("settings", settingsKey);
            c.Parameters.AddWithValue("status", item.Status);
            c.Parameters.AddWithValue("error", (object?)item.Error ?? DBNull.Value);
            c.Parameters.AddWithValue("reused", (object?)item.ReusedFrom ?? DBNull.Value);
            c.Parameters.AddWithValue("at", item.CreatedAt.ToUniversalTime());
            c.Parameters.AddWithValue("finished", item.FinishedAt is { } f ? f.ToUniversalTime() : DBNull.Value);
        });
    }

    public BatchItem? FindItem(string id) => Items("WHERE i.id = @p", id).FirstOrDefault();

    public IReadOnlyList<BatchItem> ItemsOf(string batchId) => Items("WHERE i.batch_id = @p", batchId);

    public BatchItem? FindCompleted(string? keyId, string contentHash, string settingsKey) =>
        Read("SELECT id FROM batch_items WHERE content_hash = @hash AND settings_key = @settings AND status = 'completed' AND reused_from IS NULL AND key_id IS NOT DISTINCT FROM @key ORDER BY created_at LIMIT 1", c =>
        {
            c.Parameters.AddWithValue("hash", contentHash);
            c.Parameters.AddWithValue("settings", settingsKey);
            c.Parameters.Add(new NpgsqlParameter("key", NpgsqlDbType.Text) { Value = (object?)keyId ?? DBNull.Value });
        }, r => r.GetString(0)).Select(FindItem).FirstOrDefault();

    public IReadOnlyList<BatchItem> UnfinishedItems() => Items("WHERE i.status IN ('queued', 'running') AND @p = @p", "x");

    public bool SetStatus(string itemId, string status, string? error, DateTimeOffset? finishedAt) =>
        Execute("UPDATE batch_items SET status = @status, error = @error, finished_at = @finished WHERE id = @id AND status NOT IN ('completed', 'failed')", c =>
        {
            c.Parameters.AddWithValue("id", itemId);
            c.Parameters.AddWithValue("status", status);
            c.Parameters.Add(new NpgsqlParameter("error", NpgsqlDbType.Text) { Value = (object?)error ?? DBNull.Value });
            c.Parameters.Add(new NpgsqlParameter("finished", NpgsqlDbType.TimestampTz) { Value = finishedAt is { } f ? f.ToUniversalTime() : DBNull.Value });
        }) > 0;

    public void AddSteps(string itemId, IEnumerable<string> steps)
    {
        var names = steps.ToArray();
        Execute("INSERT INTO batch_steps (item_id, step, state) SELECT @item, unnest(@steps), 'pending' ON CONFLICT (item_id, step) DO NOTHING", c =>
        {
            c.Parameters.AddWithValue("item", itemId);
            c.Parameters.AddWithValue("steps", names);
        });
    }

    public bool CompleteStep(string itemId, string step, decimal dollars) => CompleteStep(itemId, step, dollars, null);

    /// <summary>
    /// Marks a step done with what it cost and, in the same transaction, settles its key spend (releases the hold, books
    /// the spend rows) when <see cref="HoldsKeySpend"/>: one unit keyed by the step. A retry after a commit whose
    /// acknowledgement was lost finds the step done and writes nothing (both were written); a retry after a rollback
    /// writes both. True only the first time.
    /// </summary>
    public bool CompleteStep(string itemId, string step, decimal dollars, SpendSettle? keySpend)
    {
        if (keySpend is not null && !HoldsKeySpend)
        {
            throw new InvalidOperationException($"the batch store on {Location} does not hold the key spend");
        }

        return PostgresRetry.Run(() =>
        {
            using var connection = Database.DataSource.OpenConnection();
            using var transaction = connection.BeginTransaction();
            using var complete = new NpgsqlCommand("""
                INSERT INTO batch_steps (item_id, step, state, dollars) VALUES (@item, @step, 'done', @dollars)
                ON CONFLICT (item_id, step) DO UPDATE SET state = 'done', dollars = excluded.dollars WHERE batch_steps.state <> 'done'
                """, connection, transaction);
            complete.Parameters.AddWithValue("item", itemId);
            complete.Parameters.AddWithValue("step", step);
            complete.Parameters.AddWithValue("dollars", dollars);
            var booked = complete.ExecuteNonQuery() > 0;
            if (booked && keySpend is not null)
            {
                PostgresGatewayStore.WriteSettle(connection, transaction, keySpend);
            }

            transaction.Commit();
            return booked;
        });
    }

    public IReadOnlyDictionary<string, bool> Steps(string itemId) =>
        Read("SELECT step, state FROM batch_steps WHERE item_id = @item", c => c.Parameters.AddWithValue("item", itemId), r => (r.GetString(0), r.GetString(1) == "done"))
            .ToDictionary(s => s.Item1, s => s.Item2, StringComparer.Ordinal);

    public bool ClaimFinish(string itemId, string claimant) =>
        Execute("""
            UPDATE batch_items SET finish_claimed = true, finish_claimant = @claimant
            WHERE id = @id AND (NOT finish_claimed OR (finish_claimant = @claimant AND NOT finish_queued))
            """, c =>
        {
            c.Parameters.AddWithValue("id", itemId);
            c.Parameters.AddWithValue("claimant", claimant);
        }) > 0;

    public void FinishQueued(string itemId) =>
        Execute("UPDATE batch_items SET finish_queued = true WHERE id = @id", c => c.Parameters.AddWithValue("id", itemId));

    public decimal SpentBy(string batchId) =>
        Read("SELECT COALESCE(SUM(s.dollars), 0) FROM batch_steps s JOIN batch_items i ON i.id = s.item_id WHERE i.batch_id = @batch AND s.state = 'done'",
            c => c.Parameters.AddWithValue("batch", batchId), r => r.GetDecimal(0)).Single();

    public void AddVideoHold(string jobId, VideoHold hold)
    {
        ArgumentNullException.ThrowIfNull(hold);
        Execute("INSERT INTO batch_video_holds (job_id, hold_id, period_start) VALUES (@job, @hold, @period) ON CONFLICT (job_id) DO NOTHING", c =>
        {
            c.Parameters.AddWithValue("job", jobId);
            c.Parameters.Add(new NpgsqlParameter("hold", NpgsqlDbType.Text) { Value = (object?)hold.HoldId ?? DBNull.Value });
            c.Parameters.AddWithValue("period", hold.PeriodStart);
        });
    }

    public VideoHold? FindVideoHold(string jobId) =>
        Read("SELECT hold_id, period_start FROM batch_video_holds WHERE job_id = @job", c => c.Parameters.AddWithValue("job", jobId),
            r => new VideoHold(r.IsDBNull(0) ? null : r.GetString(0), r.GetFieldValue<DateOnly>(1))).FirstOrDefault();

    private List<BatchItem> Items(string where, string parameter) =>
        Read($"""
            SELECT i.id, i.batch_id, i.name, i.content_hash, i.status, i.error, i.reused_from, i.created_at, i.finished_at,
                   (SELECT COALESCE(SUM(s.dollars), 0) FROM batch_steps s WHERE s.item_id = i.id AND s.state = 'done')
            FROM batch_items i {where} ORDER BY i.created_at, i.id
            """, c => c.Parameters.AddWithValue("p", parameter), r => BatchItem.FromRow(r, r.GetFieldValue<DateTimeOffset>(7), r.IsDBNull(8) ? null : r.GetFieldValue<DateTimeOffset>(8), r.GetDecimal(9)));
}
