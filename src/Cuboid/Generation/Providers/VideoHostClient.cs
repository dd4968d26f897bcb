using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cuboid.Portfolio;
using Cuboid.Portfolio.Providers;

namespace Cuboid.Generation.Providers;

/// <summary>
/// The HTTP side shared by every video host adapter: JSON requests with the host's auth header, errors classified into
/// <see cref="ProviderCallException"/> exactly as the chat adapters classify them (status, Retry-After, provider message,
/// key redacted), poll-after hints, and downloads that notice a body cut short. The key is sent only to the host's own
/// address, never to a CDN URL a host hands out.
/// </summary>
internal sealed class VideoHostClient
{
    private const int ErrorBodyLimit = 16 * 1024;

    private readonly HttpClient _http;
    private readonly Action<HttpRequestHeaders, string> _authorize;

    public VideoHostClient(ProviderEndpoint endpoint, HttpClient http, Action<HttpRequestHeaders, string> authorize, TimeProvider? time = null)
    {
        Endpoint = endpoint;
        _http = http;
        _authorize = authorize;
        Time = time ?? TimeProvider.System;
    }

    public ProviderEndpoint Endpoint { get; }

    public TimeProvider Time { get; }

    /// <summary>A path under the base URL (which keeps its own path, e.g. <c>/v1</c>).</summary>
    public Uri Resolve(string relative) => new(new Uri(Endpoint.BaseUri.ToString().TrimEnd('/') + "/"), relative.TrimStart('/'));

    public Task<VideoHostReply> GetJsonAsync(string relative, CancellationToken cancellationToken) =>
        SendJsonAsync(HttpMethod.Get, Resolve(relative), null, cancellationToken);

    public async Task<VideoHostReply> SendJsonAsync(HttpMethod method, Uri uri, JsonNode? body, CancellationToken cancellationToken, Action<HttpRequestHeaders>? headers = null)
    {
        using var request = new HttpRequestMessage(method, uri);
        Authorize(request);
        headers?.Invoke(request.Headers);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            var json = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken).ConfigureAwait(false);
            return new VideoHostReply(json.Clone(), PollAfter(response));
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            throw ProviderFailures.Create(Endpoint, ProviderFailureKind.BadResponse, $"{Endpoint.Id} sent a response that is not JSON: {ex.Message}", (int)response.StatusCode, inner: ex);
        }
    }

    /// <summary>Sends a request whose answer has no body worth reading (a 204 to a DELETE); errors are classified as for JSON calls.</summary>
    public async Task SendAsync(HttpMethod method, Uri uri, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, uri);
        Authorize(request);
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Streams a file into <paramref name="destination"/>. A body shorter than its Content-Length is a cut download
    /// (ConnectionFailed, so the caller retries the GET); 404 and 410 mean the output is gone (the job expired).
    /// </summary>
    public async Task DownloadAsync(Uri uri, Stream destination, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        Authorize(request);
        using var response = await SendAsync(request, cancellationToken, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        var expected = response.Content.Headers.ContentLength;
        long copied = 0;
        try
        {
            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using var bodyDisposal = body.ConfigureAwait(false);
            var buffer = new byte[81920];
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                copied += read;
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            throw ProviderFailures.Create(Endpoint, ProviderFailureKind.ConnectionFailed, $"the download from {Endpoint.Id} was cut after {copied} bytes", inner: ex);
        }

        if (expected is { } length && copied != length)
        {
            throw ProviderFailures.Create(Endpoint, ProviderFailureKind.ConnectionFailed, $"the download from {Endpoint.Id} was cut after {copied} of {length} bytes");
        }
    }

    // Only the host's own address gets the key: result URLs may point at a CDN or a third party.
    private void Authorize(HttpRequestMessage request)
    {
        if (Endpoint.ApiKey is { Length: > 0 } key && request.RequestUri is { } uri
            && Uri.Compare(uri, Endpoint.BaseUri, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0)
        {
            _authorize(request.Headers, key);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw ProviderFailures.Create(Endpoint, ProviderFailureKind.ConnectionFailed, ProviderFailures.CouldNotReach(Endpoint, request.RequestUri, ex.Message), inner: ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw ProviderFailures.Create(Endpoint, ProviderFailureKind.Timeout, $"{Endpoint.Id} did not answer within the network timeout", inner: ex);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var message = await ErrorMessageAsync(response, cancellationToken).ConfigureAwait(false);
            throw ProviderFailures.FromStatus(Endpoint, (int)response.StatusCode, message, ProviderFailures.RetryAfter(response.Headers, Time));
        }
    }

    private static async Task<string?> ErrorMessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            return null;
        }

        if (text.Length > ErrorBodyLimit)
        {
            text = text[..ErrorBodyLimit];
        }

        try
        {
            using var json = JsonDocument.Parse(text);
            return Message(json.RootElement) ?? text;
        }
        catch (JsonException)
        {
            return text.Trim();
        }
    }

    // Hosts nest their explanation differently: {"error":{"message":..}}, {"error":".."}, {"detail":".."}, {"message":".."}.
    private static string? Message(JsonElement root) => root.ValueKind != JsonValueKind.Object ? null
        : root.TryGetProperty("error", out var error) ? (error.ValueKind == JsonValueKind.String ? error.GetString() : error.ValueKind == JsonValueKind.Object ? Message(error) ?? error.GetRawText() : null)
        : root.TryGetProperty("detail", out var detail) ? (detail.ValueKind == JsonValueKind.String ? detail.GetString() : detail.GetRawText())
        : root.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String ? message.GetString()
        : null;

    // OpenAI's SDK waits for openai-poll-after-ms; others send Retry-After on a 202 or a status reply.
    private TimeSpan? PollAfter(HttpResponseMessage response) =>
        response.Headers.TryGetValues("openai-poll-after-ms", out var values)
        && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0
            ? TimeSpan.FromMilliseconds(ms)
            : ProviderFailures.RetryAfter(response.Headers, Time);
}
