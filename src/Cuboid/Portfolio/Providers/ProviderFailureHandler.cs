using System.Text;
using System.Text.Json;

namespace Cuboid.Portfolio.Providers;

/// <summary>
/// The HTTP layer under every adapter's SDK client. It turns what the provider sent into
/// <see cref="ProviderCallException"/>s before the SDK sees it, the same way for every protocol:
/// error statuses (with Retry-After and the provider's message), refused or reset connections, JSON bodies
/// that do not parse or hold no answer, and streams that end without their terminator.
/// </summary>
internal sealed class ProviderFailureHandler(ProviderEndpoint endpoint, WireProtocol protocol, ProviderAdapterOptions options) : DelegatingHandler
{
    private const int ErrorBodyLimit = 64 * 1024;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw ProviderFailures.Create(endpoint, ProviderFailureKind.ConnectionFailed,
                ProviderFailures.CouldNotReach(endpoint, request.RequestUri, ex.Message), inner: ex);
        }

        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                var message = await ReadErrorMessageAsync(response, cancellationToken).ConfigureAwait(false);
                throw ProviderFailures.FromStatus(endpoint, (int)response.StatusCode, message, ProviderFailures.RetryAfter(response.Headers, options.TimeProvider));
            }
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType is "text/event-stream" or "application/x-ndjson")
        {
            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            response.Content = Replace(response.Content, new StreamContent(Guard(body)));
        }
        else if (mediaType is "application/json")
        {
            response.Content = Replace(response.Content, await ValidateJsonAsync(request, response, cancellationToken).ConfigureAwait(false));
        }
        return response;
    }

    private StreamTerminatorGuard Guard(Stream body) => new(body, protocol, endpoint, options.StreamIdleTimeout, options.TimeProvider);

    private async Task<HttpContent> ValidateJsonAsync(HttpRequestMessage request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            response.Dispose();
            throw ProviderFailures.Create(endpoint, ProviderFailureKind.ConnectionFailed, $"{endpoint.Id} dropped the connection mid-response: {ex.Message}", inner: ex);
        }
        // Some servers label an SSE stream application/json; it must still end with its terminator.
        if (bytes.AsSpan().TrimStart(" \r\n"u8).StartsWith("data:"u8) || bytes.AsSpan().TrimStart(" \r\n"u8).StartsWith("event:"u8))
            return new StreamContent(Guard(new MemoryStream(bytes, writable: false)));
        string? problem;
        JsonDocument? doc = null;
        try
        {
            doc = JsonDocument.Parse(bytes);
            problem = protocol.MissingAnswer(request.RequestUri?.AbsolutePath ?? "", doc.RootElement);
            // OpenRouter and others answer 200 with {"error": {...}} when an upstream fails after routing.
            if (problem is not null && protocol.EmbeddedErrorIn(doc.RootElement) is { } embedded)
            {
                doc.Dispose();
                response.Dispose();
                throw ProviderFailures.FromEmbedded(endpoint, embedded, "in a 200 response");
            }
        }
        catch (JsonException ex)
        {
            problem = $"the body is not valid JSON ({ex.Message})";
        }
        if (problem is not null)
        {
            doc?.Dispose();
            response.Dispose();
            throw ProviderFailures.Create(endpoint, ProviderFailureKind.BadResponse, $"{endpoint.Id} sent an unusable response: {problem}");
        }
        // The document goes along: the chat relay takes it rather than parsing the same bytes again.
        return new CheckedJsonContent(bytes, doc!);
    }

    private async Task<string?> ReadErrorMessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using var streamDisposal = stream.ConfigureAwait(false);
            var buffer = new byte[ErrorBodyLimit];
            var total = 0;
            int read;
            while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false)) > 0)
                total += read;
            text = Encoding.UTF8.GetString(buffer, 0, total);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            return null;
        }
        try
        {
            using var doc = JsonDocument.Parse(text);
            if (protocol.ErrorMessage(doc.RootElement) is { } message)
                return message;
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page, say): fall back to the text itself.
        }
        text = text.Trim();
        return text.Length > 300 ? text[..300] + "…" : text;
    }

    private static HttpContent Replace(HttpContent original, HttpContent replacement)
    {
        // As received: enumerating the validated view would parse every value first.
        foreach (var header in original.Headers.NonValidated)
        {
            if (!string.Equals(header.Key, "Content-Length", StringComparison.OrdinalIgnoreCase))
                replacement.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
        return replacement;
    }
}
