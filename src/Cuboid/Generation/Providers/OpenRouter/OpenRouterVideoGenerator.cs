using System.Text.Json.Nodes;
using Cuboid.Portfolio;

namespace Cuboid.Generation.Providers.OpenRouter;

/// <summary>
/// OpenRouter's video API: <c>POST {base}/videos</c> (202), <c>GET /videos/{id}</c>, <c>GET /videos/{id}/content?index=N</c>;
/// the base URL is <c>https://openrouter.ai/api/v1</c>. Frames go as <c>frame_images[]</c> with <c>frame_type</c>;
/// <c>duration</c> is an int; <c>size</c> or <c>resolution</c> + <c>aspect_ratio</c>. States: pending, in_progress →
/// running, completed, failed, cancelled, expired. No cancel, no list. <c>usage.cost</c> is kept as the reported cost.
/// </summary>
internal sealed class OpenRouterVideoGenerator : IVideoGenerator
{
    private readonly VideoHostClient _client;

    public OpenRouterVideoGenerator(ProviderEndpoint endpoint, HttpClient http, TimeProvider? time = null)
    {
        _client = new VideoHostClient(endpoint, http, static (h, key) => h.Authorization = new("Bearer", key), time);
        Metadata = new VideoGeneratorMetadata(endpoint.Id, endpoint.BaseUri, CanCancel: false);
    }

    public VideoGeneratorMetadata Metadata { get; }

    public async Task<VideoJobStatus> SubmitAsync(VideoGenerationRequest request, VideoGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new VideoGenerationOptions();
        if (request.SourceVideo is not null || request.SourceVideoId is not null)
        {
            throw CuboidException.Usage(CuboidErrorCodes.ModelUnsuitable, CuboidParameters.Model, "OpenRouter's video API cannot extend a video; choose a model whose route offers extension");
        }

        var body = new JsonObject
        {
            ["model"] = options.ModelId ?? throw CuboidException.Usage(CuboidErrorCodes.ValueMissing, CuboidParameters.Model, "an OpenRouter video job needs the model id"),
            ["prompt"] = request.Prompt,
        };
        if (options.Seconds is { } seconds)
        {
            body["duration"] = seconds;
        }

        if (options.Size is { } size)
        {
            body["size"] = size.ToString();
        }
        else if (options.EffectiveSize is { } sized)
        {
            body["resolution"] = options.Resolution ?? sized.Resolution;
            body["aspect_ratio"] = options.AspectRatio ?? sized.AspectRatio;
        }

        if (options.Seed is { } seed)
        {
            body["seed"] = seed;
        }

        if (options.GenerateAudio is { } audio)
        {
            body["generate_audio"] = audio;
        }

        var frames = new JsonArray();
        if (request.FirstFrame is { } first)
        {
            frames.Add(Frame(first.Uri, "first_frame"));
        }

        if (request.LastFrame is { } last)
        {
            frames.Add(Frame(last.Uri, "last_frame"));
        }

        if (frames.Count > 0)
        {
            body["frame_images"] = frames;
        }

        var reply = await _client.SendJsonAsync(HttpMethod.Post, _client.Resolve("videos"), body, cancellationToken).ConfigureAwait(false);
        return Read(reply);
    }

    public async Task<VideoJobStatus> GetAsync(string providerJobId, CancellationToken cancellationToken = default) =>
        Read(await _client.GetJsonAsync($"videos/{Uri.EscapeDataString(providerJobId)}", cancellationToken).ConfigureAwait(false));

    public Task<bool> CancelAsync(string providerJobId, CancellationToken cancellationToken = default) => Task.FromResult(false);

    public Task DownloadAsync(string providerJobId, VideoOutput output, Stream destination, CancellationToken cancellationToken = default) =>
        _client.DownloadAsync(_client.Resolve($"videos/{Uri.EscapeDataString(providerJobId)}/content?index={output.Index}"), destination, cancellationToken);

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }

    private static JsonObject Frame(string uri, string type) =>
        new() { ["type"] = "image_url", ["image_url"] = new JsonObject { ["url"] = uri }, ["frame_type"] = type };

    private VideoJobStatus Read(VideoHostReply reply)
    {
        var body = reply.Body;
        var urls = body.Obj("unsigned_urls")?.Urls().Count() ?? 0;
        return DoneWordReply.Status(
            "OpenRouter",
            body.Str("id") ?? throw Portfolio.Providers.ProviderFailures.Create(_client.Endpoint, ProviderFailureKind.BadResponse, "OpenRouter answered without a video id"),
            body.Str("status") ?? "unknown",
            "completed",
            // Outputs are read through the authenticated content endpoint by index, so no URL is kept.
            [.. Enumerable.Range(0, urls).Select(i => new VideoOutput(i, null))],
            raw => raw switch
            {
                "pending" => VideoJobState.Pending,
                "in_progress" => VideoJobState.Running,
                "failed" => VideoJobState.Failed,
                "cancelled" => VideoJobState.Cancelled,
                "expired" => VideoJobState.Expired,
                _ => VideoJobState.Pending,
            },
            body.Str("error"),
            reply.PollAfter) with
        {
            ReportedCost = body.Obj("usage")?.Num("cost") is { } cost ? (decimal)cost : null,
        };
    }
}
