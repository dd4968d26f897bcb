using System.ClientModel;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;

namespace Cuboid.Portfolio.Providers;

/// <summary>
/// Builds <see cref="ProviderCallException"/>s: classifies HTTP statuses, reads Retry-After, maps transport
/// and SDK exceptions, and makes sure no message or inner exception carries the endpoint's key.
/// </summary>
internal static class ProviderFailures
{
    private static readonly string[] ContextLengthPhrases =
    [
        "context length", "context_length", "context window", "maximum context", "prompt is too long",
        "too many tokens", "exceeds the context", "maximum number of tokens", "reduce the length", "context size",
    ];

    /// <summary>The failure for an HTTP error status and the provider's explanation.</summary>
    public static ProviderCallException FromStatus(ProviderEndpoint endpoint, int status, string? providerMessage, TimeSpan? retryAfter)
    {
        var kind = KindFor(status, providerMessage);
        var reason = Enum.IsDefined((HttpStatusCode)status) ? $" {(HttpStatusCode)status}" : "";
        var detail = string.IsNullOrWhiteSpace(providerMessage) ? "" : $": {providerMessage.Trim()}";
        return Create(endpoint, kind, $"{endpoint.Id} answered HTTP {status}{reason}{detail}", status, retryAfter);
    }

    /// <summary>The failure for an error the provider reported inside a 200 (a stream event or an error body).</summary>
    public static ProviderCallException FromEmbedded(ProviderEndpoint endpoint, EmbeddedError error, string where) =>
        Create(endpoint, error.Status is { } status ? KindFor(status, error.Message) : ProviderFailureKind.ServerError,
            $"{endpoint.Id} reported an error {where}{(error.Status is { } code ? $" (code {code})" : "")}: {error.Message}", error.Status);

    public static ProviderFailureKind KindFor(int status, string? providerMessage) => status switch
    {
        429 => ProviderFailureKind.RateLimited,
        // 402 (OpenRouter and others: out of credits) leaves the provider as unusable for the run as a bad key does.
        401 or 402 or 403 => ProviderFailureKind.Unauthorized,
        408 => ProviderFailureKind.Timeout,
        >= 500 => ProviderFailureKind.ServerError,
        _ when SaysContextLengthExceeded(providerMessage) => ProviderFailureKind.ContextLengthExceeded,
        _ => ProviderFailureKind.BadRequest,
    };

    public static bool SaysContextLengthExceeded(string? message) =>
        message is not null && ContextLengthPhrases.Any(p => message.Contains(p, StringComparison.OrdinalIgnoreCase));

    /// <summary>Retry-After as seconds or an HTTP date, or OpenAI's <c>retry-after-ms</c>.</summary>
    public static TimeSpan? RetryAfter(HttpResponseHeaders headers, TimeProvider time)
    {
        if (headers.TryGetValues("retry-after-ms", out var ms)
            && double.TryParse(ms.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var millis) && millis >= 0)
        {
            return TimeSpan.FromMilliseconds(millis);
        }
        if (headers.RetryAfter is not { } retryAfter)
            return null;
        if (retryAfter.Delta is { } delta)
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (retryAfter.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }
        return null;
    }

    /// <summary>A failure whose message has the key redacted; the inner exception is kept only if it is clean too.</summary>
    public static ProviderCallException Create(ProviderEndpoint endpoint, ProviderFailureKind kind, string message,
        int? status = null, TimeSpan? retryAfter = null, Exception? inner = null)
    {
        var unreachable = kind == ProviderFailureKind.ConnectionFailed && IsUnreachable(inner);
        var key = endpoint.ApiKey;
        if (!string.IsNullOrEmpty(key))
        {
            message = message.Replace(key, "[redacted]", StringComparison.Ordinal);
            if (inner is not null && inner.ToString().Contains(key, StringComparison.Ordinal))
                inner = null;
        }
        return new ProviderCallException(endpoint.Id, kind, message, status, retryAfter, inner, unreachable);
    }

    /// <summary>
    /// Whether a transport failure means the host cannot be reached at all (refused, name not resolved, no route),
    /// which no other model of the provider would escape, as opposed to a connection dropped mid-call.
    /// </summary>
    public static bool IsUnreachable(Exception? exception)
    {
        for (var depth = 0; exception is not null && depth < 10; depth++)
        {
            switch (exception)
            {
                case HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError }:
                    return true;
                case SocketException socket when socket.SocketErrorCode is SocketError.ConnectionRefused or SocketError.HostNotFound
                    or SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.TryAgain or SocketError.NoData:
                    return true;
            }

            exception = exception.InnerException;
        }

        return false;
    }

    /// <summary>
    /// The failure an exception from a client stands for, or null when it is the caller's own cancellation
    /// or not a provider failure at all (then it should propagate unchanged).
    /// </summary>
    public static ProviderCallException? Map(Exception exception, ProviderEndpoint endpoint, CancellationToken cancellationToken)
    {
        if (Find<ProviderCallException>(exception) is { } known)
            return known;
        if (exception is OperationCanceledException)
        {
            return cancellationToken.IsCancellationRequested
                ? null
                : Create(endpoint, ProviderFailureKind.Timeout, $"{endpoint.Id} did not answer within the network timeout", inner: exception);
        }
        // SDKs wrap parse failures in their own types (AnthropicInvalidDataException over a JsonException).
        if (Find<JsonException>(exception) is { } json)
            return Create(endpoint, ProviderFailureKind.BadResponse, $"{endpoint.Id} sent a response that could not be read: {json.Message}", inner: exception);
        switch (exception)
        {
            case TimeoutException:
                return Create(endpoint, ProviderFailureKind.Timeout, $"{endpoint.Id} did not answer in time: {exception.Message}", inner: exception);
            case ClientResultException { Status: > 0 } result:
                return FromStatus(endpoint, result.Status, result.Message, null);
            case HttpRequestException { StatusCode: { } status } http:
                return FromStatus(endpoint, (int)status, http.Message, null);
            case HttpRequestException or IOException or SocketException or ClientResultException:
                return Create(endpoint, ProviderFailureKind.ConnectionFailed, CouldNotReach(endpoint, endpoint.BaseUri, exception.Message), inner: exception);
            case JsonException or FormatException:
                return Create(endpoint, ProviderFailureKind.BadResponse, $"{endpoint.Id} sent a response that could not be read: {exception.Message}", inner: exception);
            default:
                return null;
        }
    }

    /// <summary>"could not reach openai at 127.0.0.1:9: Connection refused": socket messages repeat the address, which this already names.</summary>
    public static string CouldNotReach(ProviderEndpoint endpoint, Uri? uri, string message)
    {
        var address = $"{(uri ?? endpoint.BaseUri).Host}:{(uri ?? endpoint.BaseUri).Port}";
        return $"could not reach {endpoint.Id} at {address}: {message.Replace($" ({address})", string.Empty, StringComparison.Ordinal)}";
    }

    private static T? Find<T>(Exception? exception) where T : Exception
    {
        for (var depth = 0; exception is not null && depth < 10; depth++)
        {
            if (exception is T found)
                return found;
            if (exception is AggregateException aggregate && aggregate.InnerExceptions.Count > 0)
            {
                foreach (var inner in aggregate.InnerExceptions)
                {
                    if (Find<T>(inner) is { } nested)
                        return nested;
                }
            }
            exception = exception.InnerException;
        }
        return null;
    }
}
