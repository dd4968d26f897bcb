using System.Globalization;
using System.Text.Json.Nodes;
using Cuboid.Portfolio;
using Cuboid.Portfolio.Providers;

namespace Cuboid.Generation.Providers.Runway;

/// <summary>
/// Runway's task API (base <c>https://api.dev.runwayml.com/v1</c>; <c>Authorization: Bearer</c> and the required
/// <c>X-Runway-Version: 2024-11-06</c>, sent only to Runway's own address): <c>POST /image_to_video</c> when a first frame
/// is given, else <c>POST /text_to_video</c> (gen4.5, veo3.x), answering <c>{id}</c>; <c>GET /tasks/{id}</c>;
/// <c>DELETE /tasks/{id}</c> cancels a pending, throttled or running task. Frames go as <c>promptImage</c>: a data URI,
/// or <c>[{uri, position:"first"|"last"}]</c> when a last frame is given (veo3.1 only); the size as <c>ratio</c>
/// (<c>1280:720</c>); <c>duration</c> an int; <c>seed</c> for the gen4 family. States: PENDING → pending,
/// THROTTLED → throttled, RUNNING → running (with <c>progress</c> 0–1), SUCCEEDED with <c>output[]</c> → succeeded
/// (without an output: failed), FAILED → failed (<c>failure</c>, <c>failureCode</c>), CANCELLED → cancelled. Output
/// URLs expire after 24–48 h, which the job runner's download turns into <c>expired</c>. No extension, no job list.
/// </summary>
internal sealed class RunwayVideoGenerator : IVideoGenerator
{
    /// <summary>The API version Runway requires on every request.</summary>
    public const string ApiVersion = "2024-11-06";

    /// <summary>Runway's limit on <c>promptText</c>, in UTF-16 code units.</summary>
    public const int MaxPromptLength = 1000;

    private readonly VideoHostClient _client;

    public RunwayVideoGenerator(ProviderEndpoint endpoint, HttpClient http, TimeProvider? time = null)
    {
        _client = new VideoHostClient(endpoint, http, static (h, key) =>
        {
            h.Authorization = new("Bearer", key);
            h.TryAddWithoutValidation("X-Runway-Version", ApiVersion);
        }, time);
        Metadata = new VideoGeneratorMetadata(endpoint.Id, endpoint.BaseUri, CanCancel: true);
    }

    public VideoGeneratorMetadata Metadata { get; }

    public async Task<VideoJobStatus> SubmitAsync(VideoGenerationRequest request, VideoGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new VideoGenerationOptions();
        if (request.SourceVideo is not null || request.SourceVideoId is not null)
        {
            throw CuboidException.Usage(CuboidErrorCodes.ModelUnsuitable, CuboidParameters.Model, "Runway cannot extend a video; choose a model whose route offers extension");
        }

        if (request.Prompt.Length > MaxPromptLength)
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.Prompt, $"Runway takes prompts of at most {MaxPromptLength} characters; this one has {request.Prompt.Length}");
        }

        var body = new JsonObject
        {
            ["model"] = options.ModelId ?? throw CuboidException.Usage(CuboidErrorCodes.ValueMissing, CuboidParameters.Model, "a Runway job needs the model id (e.g. gen4_turbo)"),
            ["promptText"] = request.Prompt,
        };
        if (options.EffectiveSize is { } size)
        {
            body["ratio"] = string.Create(CultureInfo.InvariantCulture, $"{size.Width}:{size.Height}");
        }

        if (options.Seconds is { } seconds)
        {
            body["duration"] = seconds;
        }

        if (options.Seed is { } seed)
        {
            body["seed"] = seed;
        }

        if (request.LastFrame is { } last)
        {
            var first = request.FirstFrame ?? throw CuboidException.Usage(CuboidErrorCodes.ValueMissing, CuboidParameters.FirstFrame, "a last frame needs a first frame on Runway");
            body["promptImage"] = new JsonArray(
                new JsonObject { ["uri"] = first.Uri, ["position"] = "first" },
                new JsonObject { ["uri"] = last.Uri, ["position"] = "last" });
        }
        else if (request.FirstFrame is { } first)
        {
            body["promptImage"] = first.Uri;
        }

        var path = request.FirstFrame is null ? "text_to_video" : "image_to_video";
        var reply = await _client.SendJsonAsync(HttpMethod.Post, _client.Resolve(path), body, cancellationToken).ConfigureAwait(false);
        var id = reply.Body.Str("id") ?? throw ProviderFailures.Create(_client.Endpoint, ProviderFailureKind.BadResponse, "Runway answered the create without a task id");
        return new VideoJobStatus { ProviderJobId = id, RawState = "PENDING", State = VideoJobState.Pending, PollAfter = reply.PollAfter };
    }

    public async Task<VideoJobStatus> GetAsync(string providerJobId, CancellationToken cancellationToken = default)
    {
        var reply = await _client.GetJsonAsync($"tasks/{Uri.EscapeDataString(providerJobId)}", cancellationToken).ConfigureAwait(false);
        var body = reply.Body;
        var raw = body.Str("status") ?? "UNKNOWN";
        return DoneWordReply.Status(
            "Runway",
            providerJobId,
            raw,
            "SUCCEEDED",
            JsonRead.Outputs(body.Obj("output")?.Urls() ?? []),
            word => word switch
            {
                "PENDING" => VideoJobState.Pending,
                "THROTTLED" => VideoJobState.Throttled,
                "RUNNING" => VideoJobState.Running,
                "FAILED" => VideoJobState.Failed,
                "CANCELLED" => VideoJobState.Cancelled,
                _ => VideoJobState.Pending,
            },
            raw == "FAILED" ? $"{body.Str("failure") ?? "Runway reported FAILED"}{(body.Str("failureCode") is { } code ? $" ({code})" : "")}" : null,
            reply.PollAfter) with
        {
            Progress = body.Num("progress"),
        };
    }

    public async Task<bool> CancelAsync(string providerJobId, CancellationToken cancellationToken = default)
    {
        await _client.SendAsync(HttpMethod.Delete, _client.Resolve($"tasks/{Uri.EscapeDataString(providerJobId)}"), cancellationToken).ConfigureAwait(false);
        return true;
    }

    public Task DownloadAsync(string providerJobId, VideoOutput output, Stream destination, CancellationToken cancellationToken = default) =>
        _client.DownloadAsync(output.Uri ?? throw new ArgumentException("a Runway output always has a URL", nameof(output)), destination, cancellationToken);

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}
