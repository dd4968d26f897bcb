using Cuboid.Server.Webhooks;
using Npgsql;
using NpgsqlTypes;

namespace Cuboid.Server.Store;

/// <summary>The webhook half of the PostgreSQL gateway store: the same targets and owed deliveries as <see cref="GatewayStore"/>'s, shared by every process.</summary>
public sealed partial class PostgresGatewayStore
{
    public void SetWebhookTarget(string subjectId, string url) =>
        Execute("""
            INSERT INTO gateway_webhook_targets (subject_id, url) VALUES (@subject, @url)
            ON CONFLICT (subject_id) DO UPDATE SET url = excluded.url
            """, c =>
        {
            c.Parameters.AddWithValue("subject", subjectId);
            c.Parameters.AddWithValue("url", url);
        });

    public void RemoveWebhookTarget(string subjectId) =>
        Execute("DELETE FROM gateway_webhook_targets WHERE subject_id = @subject", c => c.Parameters.AddWithValue("subject", subjectId));

    public string? WebhookTarget(string subjectId) =>
        Read("SELECT url FROM gateway_webhook_targets WHERE subject_id = @subject", c => c.Parameters.AddWithValue("subject", subjectId), r => r.GetString(0)).FirstOrDefault();

    public void AddWebhookDelivery(WebhookDelivery delivery) =>
        Execute("""
            INSERT INTO gateway_webhook_deliveries (id, url, body, status, attempts, next_attempt_at, last_error, created_at)
            VALUES (@id, @url, @body, @status, @attempts, @next, @error, @created)
            ON CONFLICT (id) DO NOTHING
            """, c => Bind(c, delivery));

    public void UpdateWebhookDelivery(WebhookDelivery delivery) =>
        Execute("UPDATE gateway_webhook_deliveries SET status = @status, attempts = @attempts, next_attempt_at = @next, last_error = @error WHERE id = @id", c => Bind(c, delivery));

    public WebhookDelivery? FindWebhookDelivery(string id) =>
        Deliveries("WHERE id = @id", c => c.Parameters.AddWithValue("id", id)).FirstOrDefault();

    public IReadOnlyList<WebhookDelivery> DueWebhookDeliveries(DateTimeOffset now, int limit) =>
        Deliveries("WHERE status = 'pending' AND next_attempt_at <= @now ORDER BY next_attempt_at, id LIMIT @limit", c =>
        {
            c.Parameters.AddWithValue("now", now.ToUniversalTime());
            c.Parameters.AddWithValue("limit", limit);
        });

    public DateTimeOffset? NextWebhookAttempt() =>
        Read("SELECT min(next_attempt_at) FROM gateway_webhook_deliveries WHERE status = 'pending'", _ => { },
            r => r.IsDBNull(0) ? (DateTimeOffset?)null : r.GetFieldValue<DateTimeOffset>(0)).FirstOrDefault();

    private List<WebhookDelivery> Deliveries(string clause, Action<NpgsqlCommand> bind) =>
        Read($"SELECT id, url, body, status, attempts, next_attempt_at, last_error, created_at FROM gateway_webhook_deliveries {clause}", bind, r => new WebhookDelivery
        {
            Id = r.GetString(0),
            Url = r.GetString(1),
            Body = r.GetString(2),
            Status = r.GetString(3),
            Attempts = r.GetInt32(4),
            NextAttemptAt = r.GetFieldValue<DateTimeOffset>(5),
            LastError = r.IsDBNull(6) ? null : r.GetString(6),
            CreatedAt = r.GetFieldValue<DateTimeOffset>(7),
        });

    private static void Bind(NpgsqlCommand command, WebhookDelivery delivery)
    {
        command.Parameters.AddWithValue("id", delivery.Id);
        command.Parameters.AddWithValue("url", delivery.Url);
        command.Parameters.AddWithValue("body", delivery.Body);
        command.Parameters.AddWithValue("status", delivery.Status);
        command.Parameters.AddWithValue("attempts", delivery.Attempts);
        command.Parameters.AddWithValue("next", delivery.NextAttemptAt.ToUniversalTime());
        command.Parameters.AddWithValue("error", NpgsqlDbType.Text, (object?)delivery.LastError ?? DBNull.Value);
        command.Parameters.AddWithValue("created", delivery.CreatedAt.ToUniversalTime());
    }
}
