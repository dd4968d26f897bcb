using System.Text.Json;
using System.Text.Json.Nodes;
using Cuboid.Portfolio;

namespace Cuboid.Generation.Providers.Replicate;

/// <summary>
/// Replicate predictions: <c>POST {base}/models/{owner}/{name}/predictions {input}</c>, <c>GET /predictions/{id}</c>,
/// <c>POST /predictions/{id}/cancel</c>, and <c>GET /predictions</c> to list, which makes it an <see cref="IVideoJobFinder"/>:
/// a create whose answer was lost in a crash is found again by model, prompt and time. Inputs are named by the model's
/// <see cref="VideoInputMap"/>. States: starting → queued (a choice: Replicate says no more), processing → running,
/// succeeded (with output) → succeeded, failed, canceled → cancelled, aborted (its Cancel-After deadline passed before it
/// started; not billed). Outputs are deleted after an hour, so a 404 on download means expired.
/// </summary>
internal sealed class ReplicateVideoGenerator : IVideoGenerator, IVideoJobFinder
{
    private readonly VideoHostClient _client;
    private readonly Func<string, VideoInputMap> _inputMaps;

    public ReplicateVideoGenerator(ProviderEndpoint endpoint, HttpClient http, Func<string, VideoInputMap>? inputMaps = null, TimeProvider? time = null)
    {
        _client = new VideoHostClient(endpoint, http, static (h, key) => h.Authorization = new("Bearer", key), time);
        _inputMaps = inputMaps ?? (_ => VideoInputMap.Default);
        Metadata = new VideoGeneratorMetadata(endpoint.Id, endpoint.BaseUri, CanCancel: true);
    }

    public VideoGeneratorMetadata Metadata { get; }

    /// <summary>When set, sent as <c>Cancel-After</c>: a prediction not started by then is aborted and not billed.</summary>
    public TimeSpan? StartDeadline { get; init; }

    public async Task<VideoJobStatus> SubmitAsync(VideoGenerationRequest request, VideoGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new VideoGenerationOptions();
        var model = options.ModelId ?? throw CuboidException.Usage(CuboidErrorCodes.ValueMissing, CuboidParameters.Model, "a Replicate job needs the model as owner/name");
        var body = new JsonObject { ["input"] = _inputMaps(model).Build(request, options) };
        if (options.WebhookUrl is { } webhook)
        {
            body["webhook"] = webhook.ToString();
            body["webhook_events_filter"] = new JsonArray("completed");
        }
        var reply = await _client.SendJsonAsync(HttpMethod.Post, _client.Resolve($"models/{model}/predictions"), body, cancellationToken,
            headers => { if (StartDeadline is { } deadline) headers.TryAddWithoutValidation("Cancel-After", $"{(int)Math.Ceiling(deadline.TotalSeconds)}s"); }).ConfigureAwait(false);
        return Read(reply.Body, reply.PollAfter);
    }

    public async Task<VideoJobStatus> GetAsync(string providerJobId, CancellationToken cancellationToken = default)
    {
        var reply = await _client.GetJsonAsync($"predictions/{Uri.EscapeDataString(providerJobId)}", cancellationToken).ConfigureAwait(false);
        return Read(reply.Body, reply.PollAfter);
    }

    public async Task<bool> CancelAsync(string providerJobId, CancellationToken cancellationToken = default)
    {
        await _client.SendJsonAsync(HttpMethod.Post, _client.Resolve($"predictions/{Uri.EscapeDataString(providerJobId)}/cancel"), null, cancellationToken).ConfigureAwait(false);
        return true;
    }

    public Task DownloadAsync(string providerJobId, VideoOutput output, Stream destination, CancellationToken cancellationToken = default) =>
        _client.DownloadAsync(output.Uri ?? throw new ArgumentException("a Replicate output always has a URL", nameof(output)), destination, cancellationToken);

    public async Task<VideoJobStatus?> FindSubmittedAsync(DateTimeOffset since, string? modelId, string prompt, CancellationToken cancellationToken = default)
    {
        var reply = await _client.GetJsonAsync("predictions", cancellationToken).ConfigureAwait(false);
        if (reply.Body.Obj("results") is not { } results)
        {
            return null;
        }

        foreach (var prediction in results.EnumerateArray())
        {
            var created = DateTimeOffset.TryParse(prediction.Str("created_at"), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at) ? at : DateTimeOffset.MinValue;
            // Allow a little clock skew between us and the host.
            if (created >= since.AddSeconds(-5)
                && (modelId is null || prediction.Str("model") == modelId)
                && prediction.Obj("input") is { } input && input.Str("prompt") == prompt)
            {
                return Read(prediction, null);
            }
        }

        return null;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }

    private VideoJobStatus Read(JsonElement body, TimeSpan? pollAfter) => DoneWordReply.Status(
        "Replicate",
        body.Str("id") ?? throw Portfolio.Providers.ProviderFailures.Create(_client.Endpoint, ProviderFailureKind.BadResponse, "Replicate answered without a prediction id"),
        body.Str("status") ?? "unknown",
        "succeeded",
        body.TryGetProperty("output", out var output) ? JsonRead.Outputs(output.Urls()) : [],
        raw => raw switch
        {
            "starting" => VideoJobState.Queued,
            "processing" => VideoJobState.Running,
            "failed" => VideoJobState.Failed,
            "canceled" => VideoJobState.Cancelled,
            "aborted" => VideoJobState.Aborted,
            _ => VideoJobState.Pending,
        },
        body.Str("error"),
        pollAfter);
}
