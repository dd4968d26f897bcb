using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Cuboid.Server.Ui;

/// <summary>
/// Short-lived signed links to a caller's own files, for what a browser fetches by itself and so cannot send a bearer
/// key with: a <c>&lt;video&gt;</c> source, a report opened in a frame or a tab (and the video that report plays). The
/// token names the resource, the key and the expiry, and carries an HMAC-SHA256 of them, so it opens that one thing
/// only, and only while the key is live. The signing secret derives from the admin key when one is set (links survive
/// a restart and work on every process sharing it), else it is random per process. The key itself never enters a URL.
/// </summary>
public sealed class UiLinks(byte[] secret, TimeProvider time)
{
    public const string Video = "video";
    public const string Analysis = "analysis";
    public const string Batch = "batch";

    /// <summary>How long a link opens its file.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    public static UiLinks For(string? adminKey, TimeProvider time) => new(
        adminKey is { Length: > 0 }
            ? HMACSHA256.HashData(Encoding.UTF8.GetBytes(adminKey), "cuboid ui links v1"u8)
            : RandomNumberGenerator.GetBytes(32),
        time);

    /// <summary>A token for <paramref name="kind"/> <paramref name="id"/>, opened on behalf of <paramref name="keyId"/> (null: the admin).</summary>
    public string Sign(string kind, string id, string? keyId)
    {
        var expires = time.GetUtcNow().Add(Lifetime).ToUnixTimeSeconds();
        var payload = Encoding.UTF8.GetBytes(string.Join('|', kind, id, keyId ?? "", expires.ToString(CultureInfo.InvariantCulture)));
        return WebEncoders.Base64UrlEncode(payload) + "." + WebEncoders.Base64UrlEncode(HMACSHA256.HashData(secret, payload));
    }

    /// <summary>The link a token stands for, when its signature holds and it has not expired; otherwise null.</summary>
    public UiLink? Verify(string token)
    {
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0)
        {
            return null;
        }

        byte[] payload, signature;
        try
        {
            payload = WebEncoders.Base64UrlDecode(token[..dot]);
            signature = WebEncoders.Base64UrlDecode(token[(dot + 1)..]);
        }
        catch (FormatException)
        {
            return null;
        }

        if (!CryptographicOperations.FixedTimeEquals(signature, HMACSHA256.HashData(secret, payload)))
        {
            return null;
        }

        var parts = Encoding.UTF8.GetString(payload).Split('|');
        if (parts.Length != 4 || !long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
        {
            return null;
        }

        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(expires);
        return expiresAt <= time.GetUtcNow() ? null : new UiLink(parts[0], parts[1], parts[2] is { Length: > 0 } key ? key : null, expiresAt);
    }
}
