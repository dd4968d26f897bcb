using Cuboid.Webhooks;
using Microsoft.Extensions.Options;

namespace Cuboid.Server.Webhooks;

/// <summary>
/// The server's outgoing signing key: <see cref="WebhookOptions.Secret"/> when configured, else one made on first use and
/// kept in <c>webhook-secret</c> in the store folder (readable by the owner only), so it survives restarts.
/// </summary>
public sealed class WebhookSigner(IOptions<WebhookOptions> options, IOptions<ServerOptions> server)
{
    private readonly Lazy<(string Secret, StandardWebhook Webhook)> _key = new(() => Load(options.Value, server.Value));

    /// <summary>The secret receivers verify with (<c>whsec_…</c>).</summary>
    public string Secret => _key.Value.Secret;

    public StandardWebhook Webhook => _key.Value.Webhook;

    private static (string, StandardWebhook) Load(WebhookOptions options, ServerOptions server)
    {
        var secret = options.Secret;
        if (string.IsNullOrWhiteSpace(secret))
        {
            var path = Path.Combine(server.StoreFolder(), "webhook-secret");
            if (!File.Exists(path))
            {
                Directory.CreateDirectory(server.StoreFolder());
                var fresh = StandardWebhook.NewSecret();
                var temp = path + ".partial";
                File.WriteAllText(temp, fresh);
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                }

                File.Move(temp, path, overwrite: false);
            }

            secret = File.ReadAllText(path).Trim();
        }

        try
        {
            return (secret, new StandardWebhook(secret));
        }
        catch (ArgumentException ex)
        {
            throw CuboidException.Usage($"Webhooks:Secret is not usable: {ex.Message}");
        }
    }
}
