using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Cuboid.Server.Security;
using Cuboid.Webhooks;
using Microsoft.Extensions.Options;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace Cuboid.Server.Webhooks;

/// <summary>
/// Verifies fal's webhooks: an ED25519 signature (hex, <c>x-fal-webhook-signature</c>) over
/// <c>{request_id}\n{user_id}\n{timestamp}\n{sha256 hex of the body}</c> from the <c>x-fal-webhook-request-id</c>,
/// <c>-user-id</c> and <c>-timestamp</c> headers, by any of the keys in fal's JWKS (fetched through the SSRF guard,
/// cached for <see cref="WebhookOptions.FalJwksCacheTime"/>, fetched again at most once a minute when no key matches,
/// so a rotated key is picked up). A timestamp more than <see cref="WebhookOptions.Tolerance"/> from now is a replay.
/// </summary>
public sealed class FalWebhookVerifier(SafeHttpFetcher fetcher, IOptions<WebhookOptions> options, TimeProvider time)
{
    public const string RequestIdHeader = "x-fal-webhook-request-id";
    public const string UserIdHeader = "x-fal-webhook-user-id";
    public const string TimestampHeader = "x-fal-webhook-timestamp";
    public const string SignatureHeader = "x-fal-webhook-signature";

    private readonly SemaphoreSlim _fetching = new(1, 1);
    private (IReadOnlyList<byte[]> Keys, DateTimeOffset FetchedAt)? _jwks;

    /// <summary>The verified request id; throws <see cref="WebhookVerificationException"/> naming what is wrong.</summary>
    public async Task<string> VerifyAsync(byte[] body, IHeaderDictionary headers, CancellationToken cancellationToken)
    {
        string? Header(string name) => headers[name].ToString() is { Length: > 0 } value ? value : null;
        var (requestId, userId, timestamp, signature) = (Header(RequestIdHeader), Header(UserIdHeader), Header(TimestampHeader), Header(SignatureHeader));
        if (requestId is null || userId is null || timestamp is null || signature is null)
        {
            throw new WebhookVerificationException($"the {RequestIdHeader}, {UserIdHeader}, {TimestampHeader} and {SignatureHeader} headers are required");
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || (time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, 253402300799))).Duration() > options.Value.Tolerance)
        {
            throw new WebhookVerificationException($"{TimestampHeader} is missing or more than {options.Value.Tolerance.TotalMinutes:0} min from now (a replayed or delayed message)");
        }

        byte[] signatureBytes;
        try
        {
            signatureBytes = Convert.FromHexString(signature);
        }
        catch (FormatException)
        {
            throw new WebhookVerificationException($"{SignatureHeader} is not hex");
        }

        var message = Encoding.UTF8.GetBytes($"{requestId}\n{userId}\n{timestamp}\n{Convert.ToHexStringLower(SHA256.HashData(body))}");
        if (Matches(await KeysAsync(refresh: false, cancellationToken), message, signatureBytes)
            || (await KeysAsync(refresh: true, cancellationToken) is { } fresh && Matches(fresh, message, signatureBytes)))
        {
            return requestId;
        }

        throw new WebhookVerificationException("the signature matches none of fal's published keys: the body was changed or it was not signed by fal");
    }

    private static bool Matches(IReadOnlyList<byte[]> keys, byte[] message, byte[] signature) => keys.Any(key =>
    {
        var verifier = new Ed25519Signer();
        verifier.Init(false, new Ed25519PublicKeyParameters(key, 0));
        verifier.BlockUpdate(message, 0, message.Length);
        return verifier.VerifySignature(signature);
    });

    private async Task<IReadOnlyList<byte[]>> KeysAsync(bool refresh, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_jwks is { } cached && now - cached.FetchedAt < (refresh ? TimeSpan.FromMinutes(1) : options.Value.FalJwksCacheTime))
        {
            return cached.Keys;
        }

        await _fetching.WaitAsync(cancellationToken);
        try
        {
            if (_jwks is { } again && now - again.FetchedAt < TimeSpan.FromMinutes(1))
            {
                return again.Keys;
            }

            byte[] document;
            try
            {
                document = await fetcher.GetBytesAsync(options.Value.FalJwksUrl, 1024 * 1024, cancellationToken);
            }
            catch (OutboundUrlException ex)
            {
                throw new WebhookVerificationException($"fal's keys could not be fetched: {ex.Message}", ex);
            }

            var keys = Parse(document);
            _jwks = (keys, time.GetUtcNow());
            return keys;
        }
        finally
        {
            _fetching.Release();
        }
    }

    // The Ed25519 keys of a JWKS: {"keys":[{"kty":"OKP","crv":"Ed25519","x":"<base64url>"}]}.
    private static List<byte[]> Parse(byte[] document)
    {
        try
        {
            using var json = JsonDocument.Parse(document);
            var keys = new List<byte[]>();
            foreach (var key in json.RootElement.GetProperty("keys").EnumerateArray())
            {
                if (key.TryGetProperty("crv", out var crv) && crv.GetString() == "Ed25519" && key.TryGetProperty("x", out var x)
                    && System.Buffers.Text.Base64Url.DecodeFromChars(x.GetString() ?? "") is { Length: 32 } raw)
                {
                    keys.Add(raw);
                }
            }

            return keys;
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new WebhookVerificationException($"fal's JWKS could not be read: {ex.Message}", ex);
        }
    }
}
