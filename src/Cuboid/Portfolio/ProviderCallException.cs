namespace Cuboid.Portfolio;

/// <summary>
/// One failed call to one provider, as every adapter reports it. The message is the provider's own
/// explanation when it gave one, and never contains an API key.
/// </summary>
public sealed class ProviderCallException : Exception
{
    public ProviderCallException(string provider, ProviderFailureKind kind, string message, int? statusCode = null, TimeSpan? retryAfter = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Provider = provider;
        Kind = kind;
        StatusCode = statusCode;
        RetryAfter = retryAfter;
    }

    /// <summary>The provider id from the catalog, e.g. <c>openai</c>.</summary>
    public string Provider { get; }

    public ProviderFailureKind Kind { get; }

    /// <summary>The HTTP status, when there was one.</summary>
    public int? StatusCode { get; }

    /// <summary>How long the provider asked us to wait (Retry-After), when it said.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Whether the same call may succeed if tried again.</summary>
    public bool IsTransient => Kind is ProviderFailureKind.RateLimited or ProviderFailureKind.ServerError
        or ProviderFailureKind.Timeout or ProviderFailureKind.ConnectionFailed or ProviderFailureKind.BadResponse;
}
