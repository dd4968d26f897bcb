using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Cuboid.Server.Security;
using Cuboid.Server.Store;
using Cuboid.Webhooks;
using Microsoft.Extensions.Options;

namespace Cuboid.Server.Webhooks;

/// <summary>
/// Delivers job notifications: <see cref="Notify"/> stores an event (<c>{id, type, created_at, data}</c>) as a pending
/// delivery in the gateway store; the background loop POSTs it through the SSRF guard, signed Standard-Webhooks style
/// (<c>webhook-id</c> = the event id on every attempt, a fresh <c>webhook-timestamp</c> and signature per attempt), and
/// retries 5xx, 429, timeouts and refused connections with exponential backoff until <see cref="WebhookOptions.MaxAttempts"/>.
/// A 4xx or a URL the guard refuses ends the delivery at once. Pending deliveries outlive a restart.
/// </summary>
public sealed class WebhookDispatcher(GatewayStore store, WebhookSigner signer, SafeHttpFetcher fetcher, IOptions<WebhookOptions> options, TimeProvider time, ILogger<WebhookDispatcher> logger) : BackgroundService
{
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Queues event <paramref name="type"/> about <paramref name="subjectId"/> for the URL registered for it, else for its
    /// key (<paramref name="keyId"/>); nothing when neither has one. The event id is derived from subject and type, so the
    /// same end reported twice (a restart) is delivered once.
    /// </summary>
    public void Notify(string subjectId, string? keyId, string type, JsonObject data)
    {
        if ((store.WebhookTarget(subjectId) ?? (keyId is null ? null : store.WebhookTarget(keyId))) is not { } url)
        {
            return;
        }

        var now = time.GetUtcNow();
        var id = $"evt_{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes($"{subjectId}/{type}")))[..24]}";
        var body = new JsonObject { ["id"] = id, ["type"] = type, ["created_at"] = now.ToUnixTimeSeconds(), ["data"] = data };
        store.AddWebhookDelivery(new WebhookDelivery { Id = id, Url = url, Body = body.ToJsonString(), Status = "pending", NextAttemptAt = now, CreatedAt = now });
        _wake.TrySetResult();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var wake = _wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                foreach (var delivery in store.DueWebhookDeliveries(time.GetUtcNow(), 50))
                {
                    await DeliverAsync(delivery, stoppingToken);
                }

                var next = store.NextWebhookAttempt();
                var wait = next is { } due ? due - time.GetUtcNow() : TimeSpan.FromMinutes(1);
                if (wait > TimeSpan.Zero)
                {
                    using var pause = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                    await Task.WhenAny(wake.Task, Task.Delay(wait < TimeSpan.FromMinutes(1) ? wait : TimeSpan.FromMinutes(1), time, pause.Token));
                    await pause.CancelAsync();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Pending deliveries stay in the store for the next start.
        }
    }

    /// <summary>One attempt at one delivery; returns it as saved afterwards.</summary>
    public async Task<WebhookDelivery> DeliverAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var sentAt = time.GetUtcNow();
        var attempt = delivery with { Attempts = delivery.Attempts + 1 };
        string? retryable;
        try
        {
            using var content = new StringContent(delivery.Body, Encoding.UTF8, "application/json");
            var status = await fetcher.PostAsync(new Uri(delivery.Url), content, headers =>
            {
                headers.Add(StandardWebhook.IdHeader, delivery.Id);
                headers.Add(StandardWebhook.TimestampHeader, sentAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
                headers.Add(StandardWebhook.SignatureHeader, signer.Webhook.Sign(delivery.Id, sentAt, delivery.Body));
            }, settings.Timeout, cancellationToken);
            if ((int)status is >= 200 and < 300)
            {
                return Save(attempt with { Status = "delivered", LastError = null });
            }

            var answer = $"the target answered {(int)status}";
            if (!((int)status >= 500 || status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout))
            {
                return Save(attempt with { Status = "failed", LastError = answer });
            }

            retryable = answer;
        }
        catch (OutboundUrlException ex) when (ex.Blocked)
        {
            return Save(attempt with { Status = "failed", LastError = ex.Message });
        }
        catch (OutboundUrlException ex)
        {
            retryable = ex.Message;
        }

        if (attempt.Attempts >= settings.MaxAttempts)
        {
            logger.LogWarning("Webhook {Id} to {Host} given up after {Attempts} attempts: {Reason}", delivery.Id, new Uri(delivery.Url).Host, attempt.Attempts, retryable);
            return Save(attempt with { Status = "failed", LastError = retryable });
        }

        var backoff = settings.FirstRetryDelay * Math.Pow(2, Math.Min(attempt.Attempts - 1, 30));
        return Save(attempt with { LastError = retryable, NextAttemptAt = time.GetUtcNow() + (backoff < settings.MaxRetryDelay ? backoff : settings.MaxRetryDelay) });
    }

    private WebhookDelivery Save(WebhookDelivery delivery)
    {
        store.UpdateWebhookDelivery(delivery);
        return delivery;
    }
}
