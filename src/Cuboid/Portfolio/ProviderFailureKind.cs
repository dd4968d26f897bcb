namespace Cuboid.Portfolio;

/// <summary>
/// Why a provider call failed, normalised across wire protocols. The router decides from this alone
/// whether to retry, fall over, or fail fast.
/// </summary>
public enum ProviderFailureKind
{
    /// <summary>429: retry after the provider's Retry-After, or with backoff.</summary>
    RateLimited,

    /// <summary>500, 502, 503, 504 and other 5xx: retry, then fall over.</summary>
    ServerError,

    /// <summary>No answer (or no first byte) before the call's deadline: retry, then fall over.</summary>
    Timeout,

    /// <summary>Connection refused or reset: retry, then fall over.</summary>
    ConnectionFailed,

    /// <summary>An empty, malformed or truncated response, including a stream cut before its terminator: retry, then fall over.</summary>
    BadResponse,

    /// <summary>401 or 403: this provider is unusable for the rest of the run.</summary>
    Unauthorized,

    /// <summary>A 400 saying the input is longer than the model's context window: move to a larger window.</summary>
    ContextLengthExceeded,

    /// <summary>Any other 4xx: fail fast with the provider's message.</summary>
    BadRequest,
}
