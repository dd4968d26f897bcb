using System.Globalization;
using Cuboid.Server.Webhooks;

namespace Cuboid.Server.Store;

/// <summary>The webhook half of the gateway store: where each job, analysis or key wants its notifications, and the deliveries still owed (so a restart continues them).</summary>
public sealed partial class GatewayStore
{
    /// <summary>Sets (or replaces) the URL notified about <paramref name="subjectId"/>: a video job, an analysis, or a key (its default).</summary>
    public void SetWebhookTarget(string subjectId, string url) =>
        Write("INSERT OR REPLACE INTO webhook_targets (subject_id, url) VALUES ($subject, $url)", c =>
        {
            c.Parameters.AddWithValue("$subject", subjectId);
            c.Parameters.AddWithValue("$url", url);
        });

    public void RemoveWebhookTarget(string subjectId) =>
        Write("DELETE FROM webhook_targets WHERE subject_id = $subject", c => c.Parameters.AddWithValue("$subject", subjectId));

    public string? WebhookTarget(string subjectId) =>
        Read("SELECT url FROM webhook_targets WHERE subject_id = $subject", c => c.Parameters.AddWithValue("$subject", subjectId), r => r.GetString(0)).FirstOrDefault();

    /// <summary>Adds a delivery; a second one with the same id is ignored (an event is queued once).</summary>
    public void AddWebhookDelivery(WebhookDelivery delivery) =>
        Write("""
            INSERT OR IGNORE INTO webhook_deliveries (id, url, body, status, attempts, next_attempt_at, last_error, created_at)
            VALUES ($id, $url, $body, $status, $attempts, $next, $error, $created)
            """, c => Bind(c, delivery));

    /// <summary>Saves a delivery's status, attempts, next attempt and last error.</summary>
    public void UpdateWebhookDelivery(WebhookDelivery delivery) =>
        Write("UPDATE webhook_deliveries SET status = $status, attempts = $attempts, next_attempt_at = $next, last_error = $error WHERE id = $id", c => Bind(c, delivery));

    public WebhookDelivery? FindWebhookDelivery(string id) =>
        Deliveries("SELECT * FROM webhook_deliveries WHERE id = $id", c => c.Parameters.AddWithValue("$id", id)).FirstOrDefault();

    /// <summary>Pending deliveries due by <paramref name="now"/>, the most overdue first.</summary>
    public IReadOnlyList<WebhookDelivery> DueWebhookDeliveries(DateTimeOffset now, int limit) =>
        Deliveries("SELECT * FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= $now ORDER BY next_attempt_at LIMIT $limit", c =>
        {
            c.Parameters.AddWithValue("$now", Text(now.ToUniversalTime()));
            c.Parameters.AddWithValue("$limit", limit);
        });

    /// <summary>When the next pending delivery is due, if any is pending.</summary>
    public DateTimeOffset? NextWebhookAttempt() =>
        Read("SELECT MIN(next_attempt_at) FROM webhook_deliveries WHERE status = 'pending'", _ => { },
            r => r.IsDBNull(0) ? (DateTimeOffset?)null : DateTimeOffset.Parse(r.GetString(0), CultureInfo.InvariantCulture)).FirstOrDefault();

    private List<WebhookDelivery> Deliveries(string sql, Action<Microsoft.Data.Sqlite.SqliteCommand> bind) => Read(sql, bind, r => new WebhookDelivery
    {
        Id = r.GetString(r.GetOrdinal("id")),
        Url = r.GetString(r.GetOrdinal("url")),
        Body = r.GetString(r.GetOrdinal("body")),
        Status = r.GetString(r.GetOrdinal("status")),
        Attempts = r.GetInt32(r.GetOrdinal("attempts")),
        NextAttemptAt = DateTimeOffset.Parse(r.GetString(r.GetOrdinal("next_attempt_at")), CultureInfo.InvariantCulture),
        LastError = Optional(r, "last_error"),
        CreatedAt = DateTimeOffset.Parse(r.GetString(r.GetOrdinal("created_at")), CultureInfo.InvariantCulture),
    });

    private static void Bind(Microsoft.Data.Sqlite.SqliteCommand command, WebhookDelivery delivery)
    {
        command.Parameters.AddWithValue("$id", delivery.Id);
        command.Parameters.AddWithValue("$url", delivery.Url);
        command.Parameters.AddWithValue("$body", delivery.Body);
        command.Parameters.AddWithValue("$status", delivery.Status);
        command.Parameters.AddWithValue("$attempts", delivery.Attempts);
        command.Parameters.AddWithValue("$next", Text(delivery.NextAttemptAt.ToUniversalTime()));
        command.Parameters.AddWithValue("$error", (object?)delivery.LastError ?? DBNull.Value);
        command.Parameters.AddWithValue("$created", Text(delivery.CreatedAt.ToUniversalTime()));
    }
}
