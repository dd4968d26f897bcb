using Cuboid.Server.Analyses;
using Cuboid.Server.Keys;
using Cuboid.Server.Webhooks;

namespace Cuboid.Server.Store;

/// <summary>
/// What the gateway keeps: virtual keys (hashed, never the secret), spend holds and spend rows per key and period, which
/// key started each video job, and the analyses. <see cref="GatewayStore"/> is the embedded SQLite default;
/// <c>PostgresGatewayStore</c> is shared by several processes. Every method is safe to call from many threads and,
/// on a shared store, from many processes: <see cref="TryHold"/> is the one place a key's budget is decided.
/// </summary>
public interface IGatewayStore
{
    /// <summary>Where the store is, for logs and health: a file path, or <c>postgresql://host:port/database</c> (never a password).</summary>
    string Location { get; }

    /// <summary>Issues a key: stores its hash and returns the secret, which is never stored.</summary>
    IssuedKey CreateKey(KeySpec spec, DateTimeOffset now);

    /// <summary>The key whose secret hashes to <paramref name="hash"/>, revoked or not.</summary>
    VirtualKey? FindByHash(string hash);

    VirtualKey? Find(string id);

    /// <summary>Every key, oldest first.</summary>
    IReadOnlyList<VirtualKey> Keys();

    /// <summary>Revokes a key; false when there is no such key.</summary>
    bool Revoke(string id, DateTimeOffset now);

    /// <summary>
    /// Holds <paramref name="dollars"/> on a key's period when what it spent, what live holds keep and this hold fit in
    /// <paramref name="budget"/>; atomic across threads, and across processes on PostgreSQL (the SQLite store decides in
/// its process's memory). A hold not settled by
    /// <paramref name="expiresAt"/> (its process died) stops counting then.
    /// </summary>
    SpendHoldResult TryHold(string keyId, DateOnly periodStart, decimal budget, decimal dollars, DateTimeOffset now, DateTimeOffset expiresAt);

    /// <summary>
    /// Releases a hold (null: none was taken) and books the call's spend rows, in one transaction: at once, or (the SQLite
    /// store) within milliseconds, and before any read of spend or holds through the same instance.
    /// </summary>
    void Settle(string? holdId, string keyId, DateOnly periodStart, IReadOnlyList<SpendEntry> spend);

    /// <summary>Books one paid call against a key's period.</summary>
    void AddSpend(string keyId, DateOnly periodStart, DateTimeOffset at, string task, string model, long inputTokens, long outputTokens, decimal dollars);

    /// <summary>Dollars a key has spent in the period starting on <paramref name="periodStart"/>.</summary>
    decimal SpentIn(string keyId, DateOnly periodStart);

    /// <summary>Dollars live holds keep on a key's period at <paramref name="now"/>.</summary>
    decimal HeldIn(string keyId, DateOnly periodStart, DateTimeOffset now);

    /// <summary>The spend rows booked at or after <paramref name="since"/>, of one key or (null) of every key: what <c>/v1/usage</c> adds up.</summary>
    IReadOnlyList<SpendRow> SpendSince(string? keyId, DateTimeOffset since);

    /// <summary>Records that the gateway started a video job for a key (null: the admin).</summary>
    void AddVideoJob(string jobId, string? keyId, DateTimeOffset at);

    /// <summary>The gateway's record of a video job it has not deleted: whose it is.</summary>
    GatewayVideoJob? FindVideoJob(string jobId);

    /// <summary>The newest video jobs of a key (every key's for null), not deleted.</summary>
    IReadOnlyList<GatewayVideoJob> VideoJobsOf(string? keyId, int limit);

    /// <summary>Video jobs whose cost has not been booked yet: the ones to wait for after a restart.</summary>
    IReadOnlyList<GatewayVideoJob> UnsettledVideoJobs();

    void MarkVideoJobSettled(string jobId, DateTimeOffset at);

    void MarkVideoJobDeleted(string jobId, DateTimeOffset at);

    /// <summary>Saves an analysis record (insert or replace).</summary>
    void SaveAnalysis(AnalysisRecord record);

    AnalysisRecord? FindAnalysis(string id);

    /// <summary>The newest analyses of a key (every key's for null).</summary>
    IReadOnlyList<AnalysisRecord> AnalysesOf(string? keyId, int limit);

    /// <summary>Analyses not finished: the ones to run (again) after a restart, oldest first.</summary>
    IReadOnlyList<AnalysisRecord> UnfinishedAnalyses();

    /// <summary>Sets (or replaces) the URL notified about <paramref name="subjectId"/>: a video job, an analysis, or a key (its default).</summary>
    void SetWebhookTarget(string subjectId, string url);

    void RemoveWebhookTarget(string subjectId);

    string? WebhookTarget(string subjectId);

    /// <summary>Adds a delivery; a second one with the same id is ignored (an event is queued once).</summary>
    void AddWebhookDelivery(WebhookDelivery delivery);

    /// <summary>Saves a delivery's status, attempts, next attempt and last error.</summary>
    void UpdateWebhookDelivery(WebhookDelivery delivery);

    WebhookDelivery? FindWebhookDelivery(string id);

    /// <summary>Pending deliveries due by <paramref name="now"/>, the most overdue first.</summary>
    IReadOnlyList<WebhookDelivery> DueWebhookDeliveries(DateTimeOffset now, int limit);

    /// <summary>When the next pending delivery is due, if any is pending.</summary>
    DateTimeOffset? NextWebhookAttempt();
}
