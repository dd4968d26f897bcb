using System.Net.Http.Headers;
using Cuboid.Portfolio.Providers;

namespace Cuboid.Portfolio.Relay;

/// <summary>
/// Sends OpenAI chat bodies to one provider's <c>/chat/completions</c>, through the same HTTP stack as its SDK client
/// (<see cref="ProviderHttpClients"/>: the <see cref="ProviderFailureHandler"/> over the shared transport), so every
/// failure (error statuses with Retry-After, dropped connections, bodies with no choices, errors inside a 200, streams cut
/// before <c>data: [DONE]</c> or gone silent) leaves as the same <see cref="ProviderCallException"/> the SDK path raises.
/// </summary>
internal sealed class WireEndpoint(ProviderEndpoint endpoint, HttpClient http)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly Uri _completions = new(endpoint.BaseUri.AbsoluteUri.TrimEnd('/') + "/chat/completions");

    // Local servers take no key; the SDK sends a placeholder that they ignore, so none is sent here.
    private readonly AuthenticationHeaderValue? _authorization = endpoint.ApiKey is { } key ? new("Bearer", key) : null;

    public ProviderEndpoint Endpoint => endpoint;

    /// <summary>Posts <paramref name="body"/>; the response is returned once its headers are in (its body is read by the caller).</summary>
    public async Task<HttpResponseMessage> SendAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _completions) { Content = new ReadOnlyMemoryContent(body) };
        request.Content.Headers.ContentType = Json;
        request.Headers.Authorization = _authorization;
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ProviderFailures.Map(ex, endpoint, cancellationToken) is { } failure)
        {
            throw failure;
        }
    }

    /// <summary>A failure met while reading a response's body, as the provider failure it stands for (null: the caller's cancellation).</summary>
    public ProviderCallException? Failure(Exception exception, CancellationToken cancellationToken) => ProviderFailures.Map(exception, endpoint, cancellationToken);
}
