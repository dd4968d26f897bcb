using System.Globalization;
using System.Text.Json;
using Cuboid.Server.Store;
using Cuboid.Server.Videos;
using Cuboid.Storage;

namespace Cuboid.Server.Batches;

/// <summary>
/// The batch store in SQLite (<c>batches.db</c> in the store folder; WAL mode, so the processes of one machine share
/// it): the single-machine default of <see cref="IBatchStore"/>.
/// </summary>
public sealed class SqliteBatchStore : SqliteRecordStore, IBatchStore
{
    public const string FileName = "batches.db";

    private static readonly SqliteMigrations Migrations = new("batch store", CuboidParameters.StoreDirectory,
    [
        """
        CREATE TABLE batches (id TEXT PRIMARY KEY, key_id TEXT, created_at TEXT NOT NULL, record TEXT NOT NULL);
        CREATE TABLE items (
            id TEXT PRIMARY KEY, batch_id TEXT NOT NULL, key_id TEXT, name TEXT NOT NULL, content_hash TEXT NOT NULL,
            settings_key TEXT NOT NULL, status TEXT NOT NULL, error TEXT, reused_from TEXT, created_at TEXT NOT NULL,
            finished_at TEXT, finish_claimed INTEGER NOT NULL DEFAULT 0);
        CREATE INDEX items_batch ON items (batch_id, created_at);
        CREATE INDEX items_hash ON items (content_hash, settings_key, status);
        CREATE TABLE steps (
            item_id TEXT NOT NULL, step TEXT NOT NULL, state TEXT NOT NULL, dollars TEXT NOT NULL DEFAULT '0',
            PRIMARY KEY (item_id, step));
        """,
        "CREATE TABLE video_holds (job_id TEXT PRIMARY KEY, hold_id TEXT, period_start TEXT NOT NULL);",
        "ALTER TABLE items ADD COLUMN finish_claimant TEXT; ALTER TABLE items ADD COLUMN finish_queued INTEGER NOT NULL DEFAULT 0;",
    ]);

    private static readonly JsonSerializerOptions RecordJson = new(JsonSerializerDefaults.Web);

    private SqliteBatchStore(string path)
        : base(path)
    {
    }

    public string Location => Path;

    public static SqliteBatchStore Open(string directory) => Open(directory, FileName, "batch store", Migrations, path => new SqliteBatchStore(path));

    public void AddBatch(BatchRecord batch) =>
        Write("INSERT INTO batches (id, key_id, created_at, record) VALUES ($id, $key, $at, $record)", c =>
        {
            c.Parameters.AddWithValue("$id", batch.Id);
            c.Parameters.AddWithValue("$key", (object?)batch.KeyId ?? DBNull.Value);
            c.Parameters.AddWithValue("$at", Text(batch.CreatedAt));
            c.Parameters.AddWithValue("$record", JsonSerializer.Serialize(batch, RecordJson));
        });

    public BatchRecord? FindBatch(string id) =>
        Read("SELECT record FROM batches WHERE id = $id", c => c.Parameters.AddWithValue("$id", id), r => JsonSerializer.Deserialize<BatchRecord>(r.GetString(0), RecordJson)!).FirstOrDefault();

    /// <summary>The newest batches of a key (every key's for null).</summary>
    public IReadOnlyList<BatchRecord> Batches(string? keyId, int limit) =>
        Read(keyId is null ? "SELECT record FROM batches ORDER BY created_at DESC LIMIT $limit" : "SELECT record FROM batches WHERE key_id = $key ORDER BY created_at DESC LIMIT $limit", c =>
        {
            c.Parameters.AddWithValue("$key", (object?)keyId ?? DBNull.Value);
            c.Parameters.AddWithValue("$limit", limit);
        }, r => JsonSerializer.Deserialize<BatchRecord>(r.GetString(0), RecordJson)!);

    public void AddItem(BatchItem item, string? keyId, string settingsKey) =>
        Write("""
            INSERT INTO items (id, batch_id, key_id, name, content_hash, settings_key, status, error, reused_from, created_at, finished_at)
            VALUES ($id, $batch, $key, $name, $hash, $settings, $status, $error, $reused, $at, $finished)
            """, c =>
        {
            c.Parameters.AddWithValue("$id", item.Id);
            c.Parameters.AddWithValue("$batch", item.BatchId);
            c.Parameters.AddWithValue("$key", (object?)keyId ?? DBNull.Value);
            c.Parameters.AddWithValue("$name", item.Name);
            c.Parameters.AddWithValue("$hash", item.ContentHash);
            c.Parameters.AddWithValue("$settings", settingsKey);
            c.Parameters.AddWithValue("$status", item.Status);
            c.Parameters.AddWithValue("$error", (object?)item.Error ?? DBNull.Value);
            c.Parameters.AddWithValue("$reused", (object?)item.ReusedFrom ?? DBNull.Value);
            c.Parameters.AddWithValue("$at", Text(item.CreatedAt));
            c.Parameters.AddWithValue("$finished", item.FinishedAt is { } f ? Text(f) : DBNull.Value);
        });

    public BatchItem? FindItem(string id) => Items("WHERE i.id = $p", id).FirstOrDefault();

    public IReadOnlyList<BatchItem> ItemsOf(string batchId) => Items("WHERE i.batch_id = $p", batchId);

    /// <summary>A completed item of the same key with the same video and options: its report can be reused.</summary>
    public BatchItem? FindCompleted(string? keyId, string contentHash, string settingsKey) =>
        Read("SELECT id FROM items WHERE content_hash = $hash AND settings_key = $settings AND status = 'completed' AND reused_from IS NULL AND key_id IS $key ORDER BY created_at LIMIT 1", c =>
        {
            c.Parameters.AddWithValue("$hash", contentHash);
            c.Parameters.AddWithValue("$settings", settingsKey);
            c.Parameters.AddWithValue("$key", (object?)keyId ?? DBNull.Value);
        }, r => r.GetString(0)).Select(FindItem).FirstOrDefault();

    /// <summary>Items not finished: their steps to queue again when the queue itself was lost (one process, in memory).</summary>
    public IReadOnlyList<BatchItem> UnfinishedItems() => Items("WHERE i.status IN ('queued', 'running') AND $p = $p", "x");

    /// <summary>Moves an unfinished item to <paramref name="status"/>; a finished item never moves again. False when it did not move.</summary>
    public bool SetStatus(string itemId, string status, string? error, DateTimeOffset? finishedAt) =>
        Write("UPDATE items SET status = $status, error = $error, finished_at = $finished WHERE id = $id AND status NOT IN ('completed', 'failed')", c =>
        {
            c.Parameters.AddWithValue("$id", itemId);
            c.Parameters.AddWithValue("$status", status);
            c.Parameters.AddWithValue("$error", (object?)error ?? DBNull.Value);
            c.Parameters.AddWithValue("$finished", finishedAt is { } f ? Text(f) : DBNull.Value);
        }) > 0;

    /// <summary>Lists an item's steps (a step already listed keeps its state).</summary>
    public void AddSteps(string itemId, IEnumerable<string> steps)
    {
        using var connection = Connect();
        using var transaction = connection.BeginTransaction();
        foreach (var step in steps)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT OR IGNORE INTO steps (item_id, step, state) VALUES ($item, $step, 'pending')";
            command.Parameters.AddWithValue("$item", itemId);
            command.Parameters.AddWithValue("$step", step);
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>Marks a step done with what it cost. True only the first time: a step run twice is booked once.</summary>
    public bool CompleteStep(string itemId, string step, decimal dollars) =>
        Write("""
            INSERT INTO steps (item_id, step, state, dollars) VALUES ($item, $step, 'done', $dollars)
            ON CONFLICT (item_id, step) DO UPDATE SET state = 'done', dollars = excluded.dollars WHERE steps.state <> 'done'
            """, c =>
        {
            c.Parameters.AddWithValue("$item", itemId);
            c.Parameters.AddWithValue("$step", step);
            c.Parameters.AddWithValue("$dollars", dollars.ToString(CultureInfo.InvariantCulture));
        }) > 0;

    /// <summary>Each listed step of an item and whether it is done.</summary>
    public IReadOnlyDictionary<string, bool> Steps(string itemId) =>
        Read("SELECT step, state FROM steps WHERE item_id = $item", c => c.Parameters.AddWithValue("$item", itemId), r => (r.GetString(0), r.GetString(1) == "done"))
            .ToDictionary(s => s.Item1, s => s.Item2, StringComparer.Ordinal);

    public bool ClaimFinish(string itemId, string claimant) =>
        Write("""
            UPDATE items SET finish_claimed = 1, finish_claimant = $claimant
            WHERE id = $id AND (finish_claimed = 0 OR (finish_claimant = $claimant AND finish_queued = 0))
            """, c =>
        {
            c.Parameters.AddWithValue("$id", itemId);
            c.Parameters.AddWithValue("$claimant", claimant);
        }) > 0;

    public void FinishQueued(string itemId) =>
        Write("UPDATE items SET finish_queued = 1 WHERE id = $id", c => c.Parameters.AddWithValue("$id", itemId));

    /// <summary>What a batch's booked steps cost so far (decimal, summed here).</summary>
    public decimal SpentBy(string batchId) =>
        Read("SELECT s.dollars FROM steps s JOIN items i ON i.id = s.item_id WHERE i.batch_id = $batch AND s.state = 'done'", c => c.Parameters.AddWithValue("$batch", batchId),
            r => decimal.Parse(r.GetString(0), CultureInfo.InvariantCulture)).Sum();

    private List<BatchItem> Items(string where, string parameter) =>
        Read($"""
            SELECT i.id, i.batch_id, i.name, i.content_hash, i.status, i.error, i.reused_from, i.created_at, i.finished_at,
                   (SELECT group_concat(s.dollars, ' ') FROM steps s WHERE s.item_id = i.id AND s.state = 'done')
            FROM items i {where} ORDER BY i.created_at, i.id
            """, c => c.Parameters.AddWithValue("$p", parameter), r => BatchItem.FromRow(r, DateTimeOffset.Parse(r.GetString(7), CultureInfo.InvariantCulture), r.IsDBNull(8) ? null : DateTimeOffset.Parse(r.GetString(8), CultureInfo.InvariantCulture), r.IsDBNull(9) ? 0m : r.GetString(9).Split(' ').Sum(d => decimal.Parse(d, CultureInfo.InvariantCulture))));

    public void AddVideoHold(string jobId, VideoHold hold)
    {
        ArgumentNullException.ThrowIfNull(hold);
        Write("INSERT OR IGNORE INTO video_holds (job_id, hold_id, period_start) VALUES ($job, $hold, $period)", c =>
        {
            c.Parameters.AddWithValue("$job", jobId);
            c.Parameters.AddWithValue("$hold", (object?)hold.HoldId ?? DBNull.Value);
            c.Parameters.AddWithValue("$period", hold.PeriodStart.ToString("O", CultureInfo.InvariantCulture));
        });
    }

    public VideoHold? FindVideoHold(string jobId) =>
        Read("SELECT hold_id, period_start FROM video_holds WHERE job_id = $job", c => c.Parameters.AddWithValue("$job", jobId),
            r => new VideoHold(r.IsDBNull(0) ? null : r.GetString(0), DateOnly.ParseExact(r.GetString(1), "O", CultureInfo.InvariantCulture))).FirstOrDefault();

    private static string Text(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);
}
