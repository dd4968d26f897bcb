using System.Text.Json;
using Cuboid.Server.Analyses;
using Cuboid.Server.Videos;

namespace Cuboid.Server.Batches;

/// <summary>
/// Batches, their videos and the state of every step (a video's analysis steps, a video job's settle step): what makes
/// a step idempotent across workers. A step is booked once (<see cref="CompleteStep"/>) and the last step to finish
/// claims an item's final step once (<see cref="ClaimFinish"/>). <see cref="SqliteBatchStore"/> (<c>batches.db</c>) is the
/// single-machine default; <see cref="PostgresBatchStore"/> is shared by the processes of many machines. Hangfire's
/// tables hold only the queue.
/// </summary>
public interface IBatchStore
{
    private static readonly JsonSerializerOptions SettingsJson = new(JsonSerializerDefaults.Web);

    /// <summary>The key that says two items ran with the same options.</summary>
    static string SettingsKey(AnalysisSettings settings) => JsonSerializer.Serialize(settings, SettingsJson);

    /// <summary>Where the rows are: the SQLite file, or <c>postgresql://host:port/database</c> (never a password).</summary>
    string Location { get; }

    void AddBatch(BatchRecord batch);

    BatchRecord? FindBatch(string id);

    /// <summary>The newest batches of a key (every key's for null).</summary>
    IReadOnlyList<BatchRecord> Batches(string? keyId, int limit);

    void AddItem(BatchItem item, string? keyId, string settingsKey);

    BatchItem? FindItem(string id);

    IReadOnlyList<BatchItem> ItemsOf(string batchId);

    /// <summary>A completed item of the same key with the same video and options: its report can be reused.</summary>
    BatchItem? FindCompleted(string? keyId, string contentHash, string settingsKey);

    /// <summary>Items not finished: their steps to queue again when the queue itself was lost (one process, in memory).</summary>
    IReadOnlyList<BatchItem> UnfinishedItems();

    /// <summary>Moves an unfinished item to <paramref name="status"/>; a finished item never moves again. False when it did not move.</summary>
    bool SetStatus(string itemId, string status, string? error, DateTimeOffset? finishedAt);

    /// <summary>Lists an item's steps (a step already listed keeps its state).</summary>
    void AddSteps(string itemId, IEnumerable<string> steps);

    /// <summary>Marks a step done with what it cost. True only the first time: a step run twice is booked once.</summary>
    bool CompleteStep(string itemId, string step, decimal dollars);

    /// <summary>Each listed step of an item and whether it is done.</summary>
    IReadOnlyDictionary<string, bool> Steps(string itemId);

    /// <summary>
    /// Claims an item's final step for <paramref name="claimant"/> (the Hangfire job id of the step that finished last,
    /// stable when Hangfire runs that job again): true for exactly one claimant, however many finish their step at once,
    /// and true again for that claimant until <see cref="FinishQueued"/> says the final step is on the queue, so a claimant
    /// that died between its claim and its enqueue queues the final step on its next run.
    /// </summary>
    bool ClaimFinish(string itemId, string claimant);

    /// <summary>Records that the final step is on the queue: its claimant's later runs do not queue it again.</summary>
    void FinishQueued(string itemId);

    /// <summary>What a batch's booked steps cost so far.</summary>
    decimal SpentBy(string batchId);

    /// <summary>Keeps the key hold a video job's steps settle (a step of any process finds it by the job's id).</summary>
    void AddVideoHold(string jobId, VideoHold hold);

    VideoHold? FindVideoHold(string jobId);
}
