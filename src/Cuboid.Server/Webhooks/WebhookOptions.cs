namespace Cuboid.Server.Webhooks;

/// <summary>
/// Webhooks, the <c>Cuboid:Webhooks</c> configuration section: the secret outgoing notifications are signed with, how they
/// are retried, and what verifies incoming provider webhooks (Replicate's secret, fal's JWKS).
/// </summary>
public sealed record WebhookOptions
{
    public const string Section = "Cuboid:Webhooks";

    /// <summary>The signing secret (<c>whsec_</c> + base64). Unset: one is made on first use and kept in the store folder (<c>GET /admin/webhooks/secret</c> shows it).</summary>
    public string? Secret { get; init; }

    /// <summary>Deliveries tried before one is given up (5xx, 429, timeouts and refused connections are retried).</summary>
    public int MaxAttempts { get; init; } = 8;

    /// <summary>The wait after the first failure; doubled after each further one, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How long one delivery may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The gateway's public base URL (<c>https://gateway.example.com/</c>). When set, fal and Replicate jobs are created
    /// with <c>{PublicUrl}webhooks/fal</c> or <c>/replicate</c> as their callback, so they are polled as soon as they end.
    /// </summary>
    public Uri? PublicUrl { get; init; }

    /// <summary>The callback URL for a host's API kind, when <see cref="PublicUrl"/> is set and the host calls back.</summary>
    public Uri? CallbackFor(string apiKind) =>
        PublicUrl is { } root && apiKind is "fal" or "replicate" ? new Uri(new Uri(root.ToString().TrimEnd('/') + "/"), $"webhooks/{apiKind}") : null;

    /// <summary>Replicate's webhook signing secret (<c>whsec_…</c>, from <c>GET /v1/webhooks/default/secret</c>); unset: Replicate webhooks are refused.</summary>
    public string? ReplicateSecret { get; init; }

    /// <summary>Where fal publishes the ED25519 keys its webhooks are signed with.</summary>
    public Uri FalJwksUrl { get; init; } = new("https://rest.alpha.fal.ai/.well-known/jwks.json");

    /// <summary>How long fetched fal keys are used before they are fetched again.</summary>
    public TimeSpan FalJwksCacheTime { get; init; } = TimeSpan.FromHours(24);

    /// <summary>How far an incoming webhook's timestamp may be from now before it counts as replayed.</summary>
    public TimeSpan Tolerance { get; init; } = TimeSpan.FromMinutes(5);
}
