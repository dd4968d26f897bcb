using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Cuboid.Cli.Commands;

/// <summary>
/// The few gateway calls <c>cuboid analyze DIR --server URL</c> makes: open a batch, upload a video to it, read the
/// batch, download a report file. A server that cannot be reached is an input error naming its URL; a video the server
/// refuses is returned as that video's error, not thrown, so one bad file never stops the batch.
/// </summary>
public sealed class BatchClient(Uri server, string? key) : IDisposable
{
    private readonly HttpClient _http = Create(server, key);

    public async Task<string> CreateBatchAsync(object options, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => _http.PostAsJsonAsync("v1/batches", options, cancellationToken));
        return (string)(await ReadAsync(response, cancellationToken))["id"]!;
    }

    /// <summary>The item id, or the server's one-line reason for refusing the file.</summary>
    public async Task<(string? ItemId, string? Error)> AddVideoAsync(string batchId, string path, string name, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        using var form = new MultipartFormDataContent();
        using var file = new StreamContent(stream);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", name);
        using var response = await SendAsync(() => _http.PostAsync($"v1/batches/{batchId}/videos", form, cancellationToken));
        if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge)
        {
            return (null, await ErrorAsync(response, cancellationToken));
        }

        return ((string)(await ReadAsync(response, cancellationToken))["id"]!, null);
    }

    public async Task<JsonObject> GetBatchAsync(string batchId, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => _http.GetAsync($"v1/batches/{batchId}", cancellationToken));
        return await ReadAsync(response, cancellationToken);
    }

    public async Task DownloadAsync(string relative, string target, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => _http.GetAsync(relative.TrimStart('/'), HttpCompletionOption.ResponseHeadersRead, cancellationToken));
        if (!response.IsSuccessStatusCode)
        {
            throw CuboidException.Input($"{server} refused {relative}: {await ErrorAsync(response, cancellationToken)}");
        }

        var partial = target + ".partial";
        await using (var file = File.Create(partial))
        {
            await response.Content.CopyToAsync(file, cancellationToken);
        }

        File.Move(partial, target, overwrite: true);
    }

    public void Dispose() => _http.Dispose();

    private static HttpClient Create(Uri server, string? key)
    {
        var http = new HttpClient { BaseAddress = new Uri(server.ToString().TrimEnd('/') + "/"), Timeout = TimeSpan.FromMinutes(30) };
        if (key is { Length: > 0 })
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return http;
    }

    private async Task<HttpResponseMessage> SendAsync(Func<Task<HttpResponseMessage>> send)
    {
        try
        {
            return await send();
        }
        catch (HttpRequestException ex)
        {
            throw CuboidException.Input($"cannot reach {server}: {ex.Message}");
        }
    }

    private async Task<JsonObject> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw CuboidException.Usage($"{server} refused the key: {await ErrorAsync(response, cancellationToken)} (pass --key or set CUBOID_API_KEY)");
        }

        if (!response.IsSuccessStatusCode)
        {
            throw CuboidException.Input($"{server} answered {(int)response.StatusCode}: {await ErrorAsync(response, cancellationToken)}");
        }

        try
        {
            return JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken)) as JsonObject
                ?? throw CuboidException.Input($"{server} did not answer with JSON; is it a Cuboid gateway?");
        }
        catch (System.Text.Json.JsonException)
        {
            throw CuboidException.Input($"{server} did not answer with JSON; is it a Cuboid gateway?");
        }
    }

    private static async Task<string> ErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            return JsonNode.Parse(body)?["error"]?["message"]?.ToString() ?? $"HTTP {(int)response.StatusCode}";
        }
        catch (System.Text.Json.JsonException)
        {
            return $"HTTP {(int)response.StatusCode}";
        }
    }
}
