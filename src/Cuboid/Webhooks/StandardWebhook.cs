using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Cuboid.Webhooks;

/// <summary>
/// Signs and verifies webhooks the Standard Webhooks way (standardwebhooks.com; Replicate and Svix use it): headers
/// <c>webhook-id</c>, <c>webhook-timestamp</c> (Unix seconds) and <c>webhook-signature</c> = <c>v1,</c> + base64
/// HMAC-SHA256 of <c>{id}.{timestamp}.{body}</c>, keyed with the secret (<c>whsec_</c> + base64 key bytes). The Cuboid
/// gateway signs its job notifications with it; a receiver verifies them with <see cref="Verify"/>.
/// </summary>
public sealed class StandardWebhook
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";
    public const string SecretPrefix = "whsec_";

    /// <summary>How far a timestamp may be from now, either way, before the message counts as replayed.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    private readonly byte[] _key;

    /// <param name="secret"><c>whsec_</c> followed by the base64 key (the prefix is optional).</param>
    public StandardWebhook(string secret)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(secret);
        var encoded = secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret;
        try
        {
            _key = Convert.FromBase64String(encoded);
        }
        catch (FormatException ex)
        {
            throw new ArgumentException("a webhook secret is 'whsec_' followed by base64 (make one with: echo whsec_$(openssl rand -base64 32))", nameof(secret), ex);
        }

        if (_key.Length < 16)
        {
            throw new ArgumentException("a webhook secret needs at least 16 bytes of key", nameof(secret));
        }
    }

    /// <summary>A new random secret in the <c>whsec_</c> form.</summary>
    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The <c>webhook-signature</c> value for one message: <c>v1,</c> + base64 HMAC-SHA256 of <c>{id}.{timestamp}.{body}</c>.</summary>
    public string Sign(string id, DateTimeOffset timestamp, string body) =>
        "v1," + Convert.ToBase64String(Hash(id, timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), body));

    /// <summary>
    /// Checks a received message: the timestamp within <paramref name="tolerance"/> of <paramref name="now"/> (else it is
    /// a replay) and one of the space-separated <c>v1,</c> signatures matching (compared in constant time). Throws
    /// <see cref="WebhookVerificationException"/> naming what is wrong.
    /// </summary>
    public void Verify(string body, string? id, string? timestamp, string? signature, DateTimeOffset now, TimeSpan? tolerance = null)
    {
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature))
        {
            throw new WebhookVerificationException($"the {IdHeader}, {TimestampHeader} and {SignatureHeader} headers are required");
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            throw new WebhookVerificationException($"{TimestampHeader} '{timestamp}' is not Unix seconds");
        }

        var sent = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, 253402300799));
        if ((now - sent).Duration() > (tolerance ?? DefaultTolerance))
        {
            throw new WebhookVerificationException($"{TimestampHeader} is {(now - sent).TotalMinutes:0} min from now, outside the {(tolerance ?? DefaultTolerance).TotalMinutes:0} min tolerance (a replayed or delayed message)");
        }

        var expected = Hash(id, timestamp, body);
        foreach (var candidate in signature.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (candidate.StartsWith("v1,", StringComparison.Ordinal) && TryBase64(candidate[3..]) is { } presented
                && CryptographicOperations.FixedTimeEquals(presented, expected))
            {
                return;
            }
        }

        throw new WebhookVerificationException("no signature matches the body: it was changed, or signed with another secret");
    }

    private byte[] Hash(string id, string timestamp, string body) =>
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}"));

    private static byte[]? TryBase64(string text)
    {
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out var written) ? buffer[..written] : null;
    }
}
