using System.Text.Json.Nodes;
using Cuboid.Portfolio;

namespace Cuboid.Generation.Providers.OpenAIVideos;

/// <summary>
/// The OpenAI Videos shape (<c>POST {base}/videos</c>, <c>GET /videos/{id}</c>, <c>GET /videos/{id}/content</c>), which
/// LiteLLM, Bifrost, new-api and Cuboid's own server speak now that Sora itself is gone. The base URL includes the
/// version (<c>http://host/v1</c>). <c>seconds</c> is a string and <c>size</c> is <c>WxH</c>; the first frame goes as
/// <c>input_reference.image_url</c>. A video this host made is extended by its id: <c>POST /videos/extensions
/// {prompt, seconds, video:{id}}</c>, whose answer is a new video job. There is no cancel (DELETE removes a finished video), so <see cref="CancelAsync"/> says no.
/// States: queued → queued, in_progress → running, completed → succeeded, failed → failed.
/// </summary>
internal sealed class OpenAIVideosGenerator : IVideoGenerator
{
    private readonly VideoHostClient _client;

    public OpenAIVideosGenerator(ProviderEndpoint endpoint, HttpClient http, TimeProvider? time = null)
    {
        _client = new VideoHostClient(endpoint, http, static (h, key) => h.Authorization = new("Bearer", key), time);
        Metadata = new VideoGeneratorMetadata(endpoint.Id, endpoint.BaseUri, CanCancel: false);
    }

    public VideoGeneratorMetadata Metadata { get; }

    public async Task<VideoJobStatus> SubmitAsync(VideoGenerationRequest request, VideoGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new VideoGenerationOptions();
        var body = new JsonObject { ["prompt"] = request.Prompt };
        if (options.ModelId is { } model)
        {
            body["model"] = model;
        }

        if (options.Seconds is { } seconds)
        {
            body["seconds"] = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (options.EffectiveSize is { } size)
        {
            body["size"] = size.ToString();
        }

        if (request.FirstFrame is { } first)
        {
            body["input_reference"] = new JsonObject { ["image_url"] = first.Uri };
        }

        var path = "videos";
        if (request.SourceVideoId is { } source)
        {
            // An extension continues the source at its own size: the size is the source's, not asked again.
            body.Remove("size");
            body["video"] = new JsonObject { ["id"] = source };
            path = "videos/extensions";
        }

        var reply = await _client.SendJsonAsync(HttpMethod.Post, _client.Resolve(path), body, cancellationToken).ConfigureAwait(false);
        return Read(reply);
    }

    public async Task<VideoJobStatus> GetAsync(string providerJobId, CancellationToken cancellationToken = default) =>
        Read(await _client.GetJsonAsync($"videos/{Uri.EscapeDataString(providerJobId)}", cancellationToken).ConfigureAwait(false));

    public Task<bool> CancelAsync(string providerJobId, CancellationToken cancellationToken = default) => Task.FromResult(false);

    public Task DownloadAsync(string providerJobId, VideoOutput output, Stream destination, CancellationToken cancellationToken = default) =>
        _client.DownloadAsync(_client.Resolve($"videos/{Uri.EscapeDataString(providerJobId)}/content"), destination, cancellationToken);

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }

    private VideoJobStatus Read(VideoHostReply reply)
    {
        var body = reply.Body;
        var raw = body.Str("status") ?? "unknown";
        var state = raw switch
        {
            "queued" => VideoJobState.Queued,
            "in_progress" => VideoJobState.Running,
            "completed" => VideoJobState.Succeeded,
            "failed" => VideoJobState.Failed,
            _ => VideoJobState.Pending,
        };
        var id = body.Str("id") ?? throw Portfolio.Providers.ProviderFailures.Create(_client.Endpoint, ProviderFailureKind.BadResponse, $"{_client.Endpoint.Id} answered without a video id");
        return new VideoJobStatus
        {
            ProviderJobId = id,
            RawState = raw,
            State = state,
            Progress = body.Num("progress") / 100,
            // The content endpoint serves the one video; there is no URL to keep.
            Outputs = state == VideoJobState.Succeeded ? [new VideoOutput(0, null)] : [],
            Error = body.Obj("error") is { } error ? error.Str("message") : body.Str("error"),
            PollAfter = reply.PollAfter,
        };
    }
}
