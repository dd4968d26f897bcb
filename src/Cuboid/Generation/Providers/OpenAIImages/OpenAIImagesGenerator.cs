using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using Cuboid.Generation.Images;
using Cuboid.Portfolio;
using Cuboid.Portfolio.Providers;
using Cuboid.Portfolio.Providers.OpenAICompatible;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Images;
using ImageGenerationOptions = Microsoft.Extensions.AI.ImageGenerationOptions;

#pragma warning disable CA2000 // The HTTP client sends through the process-wide transport (disposeHandler: false) and holds nothing to release; the SDK client keeps it for its life.

namespace Cuboid.Generation.Providers.OpenAIImages;

/// <summary>
/// OpenAI Images (<c>POST {base}/images/generations</c>; <c>/images/edits</c> when the request carries an image) through
/// the OpenAI SDK's <c>ImageClient.AsIImageGenerator()</c>, one client per model on the host's endpoint, retries off.
/// The HTTP below the SDK is the chat adapters' (<c>ProviderFailureHandler</c>), so a 429, a 5xx or a content-policy
/// refusal (<c>moderation_blocked</c>, a 400) leaves as the same <see cref="ProviderCallException"/> kinds, key redacted.
/// The quality (<c>low</c>, <c>medium</c>, <c>high</c>) comes from <see cref="PortfolioImageGenerator.QualityKey"/>.
/// </summary>
internal sealed class OpenAIImagesGenerator : IImageGenerator
{
    private readonly ProviderEndpoint _endpoint;
    private readonly OpenAIClient _client;
    private readonly ConcurrentDictionary<string, IImageGenerator> _models = new(StringComparer.Ordinal);

    public OpenAIImagesGenerator(ProviderEndpoint endpoint, ProviderAdapterOptions? options = null)
    {
        _endpoint = endpoint;
        options ??= new ProviderAdapterOptions();
        _client = new OpenAIClient(new ApiKeyCredential(endpoint.ApiKey ?? "no-key"), new OpenAIClientOptions
        {
            Endpoint = new Uri(endpoint.BaseUri.AbsoluteUri.TrimEnd('/')),
            // The portfolio retries and falls over; the SDK must not retry behind its back.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            Transport = new HttpClientPipelineTransport(ProviderHttpClients.Create(endpoint, OpenAIWireProtocol.Instance, options)),
            NetworkTimeout = options.NetworkTimeout,
        });
    }

    public async Task<ImageGenerationResponse> GenerateAsync(ImageGenerationRequest request, ImageGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var model = options?.ModelId ?? throw CuboidException.Usage(CuboidErrorCodes.ValueMissing, CuboidParameters.Model, "an OpenAI Images call needs a model (e.g. gpt-image-1)");
        var generator = _models.GetOrAdd(model, m => _client.GetImageClient(m).AsIImageGenerator());
        var sent = options!.Clone();
        if (sent.AdditionalProperties?.TryGetValue(PortfolioImageGenerator.QualityKey, out var value) == true && value is string quality)
        {
            var edit = request.OriginalImages?.Any() == true;
            sent.RawRepresentationFactory = _ => edit
                ? new ImageEditOptions { Quality = new GeneratedImageQuality(quality) }
                : new OpenAI.Images.ImageGenerationOptions { Quality = new GeneratedImageQuality(quality) };
        }

        try
        {
            return await generator.GenerateAsync(request, sent, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ProviderFailures.Map(ex, _endpoint, cancellationToken) is { } failure)
        {
            throw failure;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}
