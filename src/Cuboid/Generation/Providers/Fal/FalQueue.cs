using System.Text.Json.Nodes;
using Cuboid.Portfolio;
using Cuboid.Portfolio.Providers;

namespace Cuboid.Generation.Providers.Fal;

/// <summary>
/// fal.ai's queue protocol, shared by the video and image adapters: <c>POST {base}/{endpoint}</c> with the input,
/// <c>GET …/requests/{id}/status</c>, <c>GET …/requests/{id}</c> for the result, <c>PUT …/requests/{id}/cancel</c>, with
/// <c>Authorization: Key …</c>. The endpoint's subpath is used only on submit, so the job path kept is the one of the
/// <c>response_url</c> fal returns (<c>{owner}/{app}/requests/{id}</c>), never one rebuilt from the endpoint id.
/// </summary>
internal sealed class FalQueue(ProviderEndpoint endpoint, HttpClient http, TimeProvider? time = null)
{
    public VideoHostClient Client { get; } = new(endpoint, http, static (h, key) => h.TryAddWithoutValidation("Authorization", "Key " + key), time);

    /// <summary>Submits <paramref name="input"/> to an endpoint; returns the job path and fal's answer.</summary>
    public async Task<(string JobPath, VideoHostReply Reply)> SubmitAsync(string endpointId, JsonNode input, CancellationToken cancellationToken, Uri? webhook = null)
    {
        var target = Client.Resolve(endpointId);
        if (webhook is not null)
        {
            target = new Uri($"{target}{(string.IsNullOrEmpty(target.Query) ? "?" : "&")}fal_webhook={Uri.EscapeDataString(webhook.ToString())}");
        }

        var reply = await Client.SendJsonAsync(HttpMethod.Post, target, input, cancellationToken).ConfigureAwait(false);
        var requestId = reply.Body.Str("request_id") ?? throw ProviderFailures.Create(Client.Endpoint, ProviderFailureKind.BadResponse, "fal answered the submit without a request_id");
        return (JobPath(reply.Body.Str("response_url")) ?? $"{AppOf(endpointId)}/requests/{requestId}", reply);
    }

    public Task<VideoHostReply> StatusAsync(string jobPath, CancellationToken cancellationToken) => Client.GetJsonAsync($"{jobPath}/status", cancellationToken);

    public Task<VideoHostReply> ResultAsync(string jobPath, CancellationToken cancellationToken) => Client.GetJsonAsync(jobPath, cancellationToken);

    public Task<VideoHostReply> CancelAsync(string jobPath, CancellationToken cancellationToken) =>
        Client.SendJsonAsync(HttpMethod.Put, Client.Resolve($"{jobPath}/cancel"), null, cancellationToken);

    private string? JobPath(string? responseUrl)
    {
        if (!Uri.TryCreate(responseUrl, UriKind.Absolute, out var uri))
        {
            return null;
        }

        var basePath = Client.Endpoint.BaseUri.AbsolutePath.TrimEnd('/');
        var path = uri.AbsolutePath;
        return path.StartsWith(basePath + "/", StringComparison.Ordinal) ? path[(basePath.Length + 1)..] : null;
    }

    private static string AppOf(string endpointId) => string.Join('/', endpointId.Split('/').Take(2));
}
