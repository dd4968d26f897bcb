using Cuboid.Portfolio;

namespace Cuboid.Generation.Providers.Fal;

/// <summary>
/// fal.ai's queue: <c>POST {base}/{endpoint}</c> with the endpoint's own input object (built from its
/// <see cref="VideoInputMap"/>, catalog data), then <c>GET …/requests/{id}/status</c> and <c>GET …/requests/{id}</c> for the
/// result, <c>PUT …/requests/{id}/cancel</c>. The endpoint's subpath is used only on submit, so the job id kept is the
/// path of the <c>response_url</c> fal returns (<c>{owner}/{app}/requests/{id}</c>), never one rebuilt from the endpoint.
/// fal reports only IN_QUEUE → queued, IN_PROGRESS → running and COMPLETED; a completed request is succeeded only when
/// its result holds a video, failed when it carries an error. A cancel is a request: a running job may still finish.
/// </summary>
public sealed class FalVideoGenerator : IVideoGenerator
{
    private readonly FalQueue _queue;
    private readonly VideoHostClient _client;
    private readonly Func<string, VideoInputMap> _inputMaps;

    /// <param name="inputMaps">The input map of an endpoint id (from the catalog); <see cref="VideoInputMap.Default"/> when null.</param>
    public FalVideoGenerator(ProviderEndpoint endpoint, HttpClient http, Func<string, VideoInputMap>? inputMaps = null, TimeProvider? time = null)
    {
        _queue = new FalQueue(endpoint, http, time);
        _client = _queue.Client;
        _inputMaps = inputMaps ?? (_ => VideoInputMap.Default);
        Metadata = new VideoGeneratorMetadata(endpoint.Id, endpoint.BaseUri, CanCancel: true);
    }

    public VideoGeneratorMetadata Metadata { get; }

    public async Task<VideoJobStatus> SubmitAsync(VideoGenerationRequest request, VideoGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new VideoGenerationOptions();
        var endpointId = options.ModelId ?? throw CuboidException.Usage(CuboidErrorCodes.ValueMissing, CuboidParameters.Model, "a fal job needs the endpoint id as its model (e.g. fal-ai/veo3.1)");
        var input = _inputMaps(endpointId).Build(request, options);
        var (jobPath, reply) = await _queue.SubmitAsync(endpointId, input, cancellationToken, options.WebhookUrl).ConfigureAwait(false);
        return new VideoJobStatus { ProviderJobId = jobPath, RawState = reply.Body.Str("status") ?? "IN_QUEUE", State = VideoJobState.Queued, PollAfter = reply.PollAfter };
    }

    public async Task<VideoJobStatus> GetAsync(string providerJobId, CancellationToken cancellationToken = default)
    {
        var status = await _queue.StatusAsync(providerJobId, cancellationToken).ConfigureAwait(false);
        var raw = status.Body.Str("status") ?? "UNKNOWN";
        switch (raw)
        {
            case "IN_QUEUE":
                return new VideoJobStatus { ProviderJobId = providerJobId, RawState = raw, State = VideoJobState.Queued, PollAfter = status.PollAfter };
            case "IN_PROGRESS":
                return new VideoJobStatus { ProviderJobId = providerJobId, RawState = raw, State = VideoJobState.Running, PollAfter = status.PollAfter };
            case "CANCELED" or "CANCELLED":
                return new VideoJobStatus { ProviderJobId = providerJobId, RawState = raw, State = VideoJobState.Cancelled };
            case "FAILED":
                return new VideoJobStatus { ProviderJobId = providerJobId, RawState = raw, State = VideoJobState.Failed, Error = status.Body.Str("error") ?? "fal reported FAILED" };
            case "COMPLETED":
                return await ResultAsync(providerJobId, raw, cancellationToken).ConfigureAwait(false);
            default:
                return new VideoJobStatus { ProviderJobId = providerJobId, RawState = raw, State = VideoJobState.Pending, PollAfter = status.PollAfter };
        }
    }

    public async Task<bool> CancelAsync(string providerJobId, CancellationToken cancellationToken = default)
    {
        await _queue.CancelAsync(providerJobId, cancellationToken).ConfigureAwait(false);
        return true;
    }

    public Task DownloadAsync(string providerJobId, VideoOutput output, Stream destination, CancellationToken cancellationToken = default) =>
        _client.DownloadAsync(output.Uri ?? throw new ArgumentException("a fal output always has a URL", nameof(output)), destination, cancellationToken);

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }

    // A completed request is only succeeded when its result holds a video; fal marks a failed one with error_type.
    private async Task<VideoJobStatus> ResultAsync(string providerJobId, string raw, CancellationToken cancellationToken)
    {
        VideoHostReply result;
        try
        {
            result = await _queue.ResultAsync(providerJobId, cancellationToken).ConfigureAwait(false);
        }
        catch (ProviderCallException ex) when (ex.StatusCode is >= 400 and < 600 and not 429)
        {
            return new VideoJobStatus { ProviderJobId = providerJobId, RawState = raw, State = VideoJobState.Failed, Error = ex.Message };
        }

        var body = result.Body;
        if (body.Str("error_type") is not null || body.Obj("detail") is not null)
        {
            return new VideoJobStatus { ProviderJobId = providerJobId, RawState = raw, State = VideoJobState.Failed, Error = body.Str("error") ?? body.Str("error_type") ?? "fal reported an error" };
        }

        var urls = (body.Obj("video") ?? body.Obj("videos"))?.Urls().ToList() ?? [];
        return urls.Count == 0
            ? new VideoJobStatus { ProviderJobId = providerJobId, RawState = raw, State = VideoJobState.Failed, Error = "fal completed the request without a video" }
            : new VideoJobStatus { ProviderJobId = providerJobId, RawState = raw, State = VideoJobState.Succeeded, Outputs = JsonRead.Outputs(urls) };
    }
}
