using Cuboid.Server.Security;
using Cuboid.Server.Store;

namespace Cuboid.Server.Webhooks;

/// <summary>Registers where a job, an analysis or a key is notified, after the SSRF guard accepted the URL (a 400 naming why otherwise).</summary>
public sealed class WebhookTargets(GatewayStore store, OutboundUrlPolicy policy)
{
    public const string Field = "webhook_url";

    /// <summary>The URL checked (scheme, and every address it resolves to now); delivery checks the address again when it connects.</summary>
    public async Task<string?> CheckAsync(string? url, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return null;
        }

        try
        {
            return (await policy.CheckAsync(url, cancellationToken)).ToString();
        }
        catch (OutboundUrlException ex)
        {
            throw ex.ToGateway(Field);
        }
    }

    public void Register(string subjectId, string? checkedUrl)
    {
        if (checkedUrl is not null)
        {
            store.SetWebhookTarget(subjectId, checkedUrl);
        }
    }
}
