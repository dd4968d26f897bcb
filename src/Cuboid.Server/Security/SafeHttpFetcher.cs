using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace Cuboid.Server.Security;

/// <summary>
/// The one HTTP client for URLs a user named. The <see cref="OutboundUrlPolicy"/> is applied where it cannot be
/// bypassed: in <see cref="SocketsHttpHandler.ConnectCallback"/>, on the addresses actually connected to (a name that
/// resolved to a public address when the request was accepted and to loopback now is refused now). Redirects are
/// followed by hand, each target checked again; no proxy (it would connect for us); bodies are capped in size and the
/// whole fetch in time.
/// </summary>
public sealed class SafeHttpFetcher : IDisposable
{
    private static readonly HashSet<HttpStatusCode> Redirects =
        [HttpStatusCode.MovedPermanently, HttpStatusCode.Found, HttpStatusCode.SeeOther, HttpStatusCode.TemporaryRedirect, HttpStatusCode.PermanentRedirect];

    private readonly OutboundUrlPolicy _policy;
    private readonly TimeProvider _time;
    private readonly HttpClient _http;

    public SafeHttpFetcher(OutboundUrlPolicy policy, TimeProvider time)
    {
        _policy = policy;
        _time = time;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectCallback = ConnectAsync,
        };
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Cuboid", "1.0"));
    }

    public OutboundUrlPolicy Policy => _policy;

    /// <summary>GETs <paramref name="uri"/> (following checked redirects) into <paramref name="destination"/>; returns the bytes written.</summary>
    public async Task<long> DownloadAsync(Uri uri, Stream destination, long? maxBytes, CancellationToken cancellationToken)
    {
        var limit = maxBytes ?? _policy.Options.MaxResponseBytes;
        return await WithinTimeAsync(uri, _policy.Options.Timeout, async token =>
        {
            using var response = await GetFollowingRedirectsAsync(uri, token);
            if (response.Content.Headers.ContentLength > limit)
            {
                throw TooLarge(uri, limit);
            }

            await using var body = await response.Content.ReadAsStreamAsync(token);
            var buffer = new byte[81920];
            long total = 0;
            int read;
            while ((read = await body.ReadAsync(buffer, token)) > 0)
            {
                total += read;
                if (total > limit)
                {
                    throw TooLarge(uri, limit);
                }

                await destination.WriteAsync(buffer.AsMemory(0, read), token);
            }

            return total;
        }, cancellationToken);
    }

    /// <summary>The body of <paramref name="uri"/> as bytes, at most <paramref name="maxBytes"/>.</summary>
    public async Task<byte[]> GetBytesAsync(Uri uri, long maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await DownloadAsync(uri, buffer, maxBytes, cancellationToken);
        return buffer.ToArray();
    }

    /// <summary>POSTs <paramref name="content"/> once, without following redirects (a webhook target that redirects has failed); returns the status.</summary>
    public Task<HttpStatusCode> PostAsync(Uri uri, HttpContent content, Action<HttpRequestHeaders> headers, TimeSpan timeout, CancellationToken cancellationToken)
    {
        _policy.CheckScheme(uri);
        return WithinTimeAsync(uri, timeout, async token =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = content };
            headers(request.Headers);
            using var response = await SendAsync(request, token);
            return response.StatusCode;
        }, cancellationToken);
    }

    public void Dispose() => _http.Dispose();

    private async Task<HttpResponseMessage> GetFollowingRedirectsAsync(Uri uri, CancellationToken cancellationToken)
    {
        var current = uri;
        for (var redirects = 0; ; redirects++)
        {
            _policy.CheckScheme(current);
            using var request = new HttpRequestMessage(HttpMethod.Get, current);
            var response = await SendAsync(request, cancellationToken);
            if (Redirects.Contains(response.StatusCode) && response.Headers.Location is { } location)
            {
                response.Dispose();
                if (redirects >= _policy.Options.MaxRedirects)
                {
                    throw new OutboundUrlException($"{uri.Host} redirected more than {_policy.Options.MaxRedirects} times", blocked: false);
                }

                current = new Uri(current, location);
                continue;
            }

            if (!response.IsSuccessStatusCode)
            {
                response.Dispose();
                throw new OutboundUrlException($"{current.Host} answered {(int)response.StatusCode} {response.ReasonPhrase} for the URL", blocked: false);
            }

            return response;
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            // The connect callback's refusal arrives wrapped by the handler.
            for (Exception? inner = ex; inner is not null; inner = inner.InnerException)
            {
                if (inner is OutboundUrlException refused)
                {
                    throw refused;
                }
            }

            throw new OutboundUrlException($"{request.RequestUri!.Host} could not be reached ({ex.Message})", blocked: false, ex);
        }
    }

    private async Task<T> WithinTimeAsync<T>(Uri uri, TimeSpan timeout, Func<CancellationToken, Task<T>> fetch, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            return await fetch(linked.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new OutboundUrlException($"fetching from {uri.Host} took longer than the limit of {timeout.TotalSeconds:0.#} s", blocked: false);
        }
    }

    // Every connection a fetch makes is made here, to an address checked here.
    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var addresses = await _policy.AddressesAsync(context.DnsEndPoint.Host, cancellationToken);
        SocketException? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last!;
    }

    private static OutboundUrlException TooLarge(Uri uri, long limit) =>
        new($"the body from {uri.Host} is larger than the limit of {limit:N0} bytes", blocked: false);
}
