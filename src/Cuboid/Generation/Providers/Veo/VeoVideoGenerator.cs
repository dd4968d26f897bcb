using System.Text.Json.Nodes;
using Cuboid.Portfolio;
using Microsoft.Extensions.AI;

namespace Cuboid.Generation.Providers.Veo;

/// <summary>
/// Google Veo 3.1 on the Gemini API: <c>POST {base}/models/{model}:predictLongRunning</c> with <c>instances</c> (prompt,
/// <c>image</c>, <c>lastFrame</c>, <c>referenceImages</c>) and <c>parameters</c> (<c>aspectRatio</c>, <c>resolution</c>,
/// <c>durationSeconds</c>, <c>negativePrompt</c>), then <c>GET {base}/{operation name}</c> until <c>done</c>. The base URL
/// includes the version (<c>…/v1beta</c>); the key goes in <c>x-goog-api-key</c>, also for the download. The Gemini API
/// takes no seed, audio flag or fps (Vertex only), so they are not sent. <c>done: false</c> maps to running (a choice: Veo
/// says no more); done with <c>error</c>, or with no samples (filtered), is failed. There is no cancel.
/// </summary>
internal sealed class VeoVideoGenerator : IVideoGenerator
{
    private readonly VideoHostClient _client;

    public VeoVideoGenerator(ProviderEndpoint endpoint, HttpClient http, TimeProvider? time = null)
    {
        _client = new VideoHostClient(endpoint, http, static (h, key) => h.TryAddWithoutValidation("x-goog-api-key", key), time);
        Metadata = new VideoGeneratorMetadata(endpoint.Id, endpoint.BaseUri, CanCancel: false);
    }

    public VideoGeneratorMetadata Metadata { get; }

    public async Task<VideoJobStatus> SubmitAsync(VideoGenerationRequest request, VideoGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new VideoGenerationOptions();
        var model = options.ModelId ?? throw CuboidException.Usage(CuboidErrorCodes.ValueMissing, CuboidParameters.Model, "a Veo job needs the model id (e.g. veo-3.1-fast-generate-preview)");
        var instance = new JsonObject { ["prompt"] = request.Prompt };
        if (request.FirstFrame is { } first)
        {
            instance["image"] = Image(first);
        }

        if (request.LastFrame is { } last)
        {
            instance["lastFrame"] = Image(last);
        }

        if (request.ReferenceImages.Count > 0)
        {
            instance["referenceImages"] = new JsonArray([.. request.ReferenceImages.Select(r => new JsonObject { ["image"] = Image(r), ["referenceType"] = "asset" })]);
        }

        if (request.SourceVideo is { } video)
        {
            instance["video"] = new JsonObject { ["uri"] = video.ToString() };
        }

        var size = options.EffectiveSize;
        var parameters = new JsonObject();
        if ((options.AspectRatio ?? size?.AspectRatio) is { } aspect)
        {
            parameters["aspectRatio"] = aspect;
        }

        if ((options.Resolution ?? size?.Resolution) is { } resolution)
        {
            parameters["resolution"] = resolution;
        }

        if (options.Seconds is { } seconds)
        {
            parameters["durationSeconds"] = seconds;
        }

        if (request.NegativePrompt is { } negative)
        {
            parameters["negativePrompt"] = negative;
        }

        var body = new JsonObject { ["instances"] = new JsonArray(instance), ["parameters"] = parameters };
        var reply = await _client.SendJsonAsync(HttpMethod.Post, _client.Resolve($"models/{model}:predictLongRunning"), body, cancellationToken).ConfigureAwait(false);
        return Read(reply);
    }

    public async Task<VideoJobStatus> GetAsync(string providerJobId, CancellationToken cancellationToken = default) =>
        Read(await _client.GetJsonAsync(providerJobId, cancellationToken).ConfigureAwait(false));

    public Task<bool> CancelAsync(string providerJobId, CancellationToken cancellationToken = default) => Task.FromResult(false);

    public Task DownloadAsync(string providerJobId, VideoOutput output, Stream destination, CancellationToken cancellationToken = default) =>
        _client.DownloadAsync(output.Uri ?? throw new ArgumentException("a Veo output always has a URI", nameof(output)), destination, cancellationToken);

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }

    private static JsonObject Image(DataContent image) =>
        new() { ["bytesBase64Encoded"] = Convert.ToBase64String(image.Data.Span), ["mimeType"] = image.MediaType };

    private VideoJobStatus Read(VideoHostReply reply)
    {
        var body = reply.Body;
        var name = body.Str("name") ?? throw Portfolio.Providers.ProviderFailures.Create(_client.Endpoint, ProviderFailureKind.BadResponse, "Veo answered without an operation name");
        if (!body.Flag("done"))
        {
            return new VideoJobStatus { ProviderJobId = name, RawState = "done:false", State = VideoJobState.Running, PollAfter = reply.PollAfter };
        }

        if (body.Obj("error") is { } error)
        {
            return new VideoJobStatus { ProviderJobId = name, RawState = "done:error", State = VideoJobState.Failed, Error = error.Str("message") ?? "Veo reported an error" };
        }

        var response = body.Obj("response")?.Obj("generateVideoResponse");
        var urls = response?.Obj("generatedSamples")?.EnumerateArray().Select(s => s.Obj("video")?.Str("uri")).OfType<string>()
            .Select(u => new Uri(u)).ToList() ?? [];
        if (urls.Count == 0)
        {
            var filtered = response?.Num("raiMediaFilteredCount") is > 0;
            return new VideoJobStatus { ProviderJobId = name, RawState = "done", State = VideoJobState.Failed, Error = filtered ? "Veo filtered the output (safety)" : "Veo finished without a video" };
        }

        return new VideoJobStatus { ProviderJobId = name, RawState = "done", State = VideoJobState.Succeeded, Outputs = JsonRead.Outputs(urls) };
    }
}
