namespace Cuboid.Portfolio;

/// <summary>
/// One failed call to one provider, as every adapter reports it. The message is the provider's own
/// explanation when it gave one, and never contains an API key.
/// </summary>
public sealed class ProviderCallException : Exception
{
    /// <param name="unreachable">The provider's host could not be reached at all (connection refused, host name not resolved).</param>
    public ProviderCallException(string provider, ProviderFailureKind kind, string message, int? statusCode = null, TimeSpan? retryAfter = null, Exception? innerException = null, bool unreachable = false)
        : base(message, innerException)
    {
        Provider = provider;
        Kind = kind;
        StatusCode = statusCode;
        RetryAfter = retryAfter;
        Unreachable = unreachable;
    }

    /// <summary>The provider id from the catalog, e.g. <c>openai</c>.</summary>
    public string Provider { get; }

    /// <summary>What kind of failure it was, which decides whether the router retries, falls over or stops.</summary>
    public ProviderFailureKind Kind { get; }

    /// <summary>The HTTP status, when there was one.</summary>
    public int? StatusCode { get; }

    /// <summary>How long the provider asked us to wait (Retry-After), when it said.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>The provider's host could not be reached at all: the connection was refused or its name did not resolve.</summary>
    public bool Unreachable { get; }

    /// <summary>
    /// Whether the failure says the whole provider is unusable, whatever the model: it refused the key (401/403) or its
    /// host cannot be reached. Everything else (5xx, 429, timeouts, bad answers, a reset) may be one model's trouble.
    /// </summary>
    public bool IsProviderWide => Unreachable || Kind == ProviderFailureKind.Unauthorized;

    /// <summary>Whether the same call may succeed if tried again.</summary>
    public bool IsTransient => Kind is ProviderFailureKind.RateLimited or ProviderFailureKind.ServerError
        or ProviderFailureKind.Timeout or ProviderFailureKind.ConnectionFailed or ProviderFailureKind.BadResponse;
}
