using System.Text.Json;
using System.Text.Json.Nodes;
using Cuboid.Generation.Images;
using Cuboid.Portfolio;
using Cuboid.Portfolio.Providers;
using Microsoft.Extensions.AI;

namespace Cuboid.Generation.Providers.Fal;

/// <summary>
/// Image endpoints on fal's queue (<c>fal-ai/flux/dev</c>, <c>fal-ai/flux-pro/kontext</c>, ...) as an
/// <see cref="IImageGenerator"/>: submit <c>{prompt, image_size:{width,height}, num_images, output_format:"png"}</c> (plus
/// <c>image_url</c> as a data URI when the request carries a reference image, and <c>seed</c>), poll the status until
/// COMPLETED, read the result's <c>images[]</c> and download each (without the key: result URLs are on fal's CDN). An
/// image that fal's safety checker flagged (<c>has_nsfw_concepts</c>) is a black placeholder, so it is dropped; when all
/// are flagged the call fails as a content-policy refusal (BadRequest), which the portfolio does not fall over.
/// </summary>
internal sealed class FalImageGenerator : IImageGenerator
{
    private readonly FalQueue _queue;
    private readonly TimeProvider _time;

    public FalImageGenerator(ProviderEndpoint endpoint, HttpClient http, TimeProvider? time = null)
    {
        _queue = new FalQueue(endpoint, http, time);
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The wait between status reads when fal sends no hint.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long a request may stay queued or running before the call fails as a timeout.</summary>
    public TimeSpan Deadline { get; init; } = TimeSpan.FromMinutes(5);

    public async Task<ImageGenerationResponse> GenerateAsync(ImageGenerationRequest request, ImageGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var endpointId = options?.ModelId ?? throw CuboidException.Usage(CuboidErrorCodes.ValueMissing, CuboidParameters.Model, "a fal image call needs the endpoint id as its model (e.g. fal-ai/flux/dev)");
        var (jobPath, _) = await _queue.SubmitAsync(endpointId, Input(request, options), cancellationToken).ConfigureAwait(false);
        var deadline = _time.GetUtcNow() + Deadline;
        while (true)
        {
            var status = await _queue.StatusAsync(jobPath, cancellationToken).ConfigureAwait(false);
            var raw = status.Body.Str("status");
            if (raw == "COMPLETED")
            {
                break;
            }

            if (raw is "FAILED" or "CANCELED" or "CANCELLED")
            {
                throw ProviderFailures.Create(_queue.Client.Endpoint, ProviderFailureKind.ServerError, $"fal reported {raw} for {endpointId}: {status.Body.Str("error") ?? "no reason given"}");
            }

            if (_time.GetUtcNow() > deadline)
            {
                throw ProviderFailures.Create(_queue.Client.Endpoint, ProviderFailureKind.Timeout, $"fal did not finish {endpointId} within {Deadline.TotalMinutes:0.#} min");
            }

            var wait = status.PollAfter is { } hint && hint > TimeSpan.Zero ? hint : PollInterval;
            await Task.Delay(wait < TimeSpan.FromMilliseconds(10) ? TimeSpan.FromMilliseconds(10) : wait, _time, cancellationToken).ConfigureAwait(false);
        }

        var result = (await _queue.ResultAsync(jobPath, cancellationToken).ConfigureAwait(false)).Body;
        return new ImageGenerationResponse(await DownloadAsync(result, endpointId, cancellationToken).ConfigureAwait(false)) { RawRepresentation = result };
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }

    private static JsonObject Input(ImageGenerationRequest request, ImageGenerationOptions? options)
    {
        var input = new JsonObject
        {
            ["prompt"] = request.Prompt,
            ["num_images"] = options?.Count ?? 1,
            ["output_format"] = "png",
            ["enable_safety_checker"] = true,
        };
        if (options?.ImageSize is { } size)
        {
            input["image_size"] = new JsonObject { ["width"] = size.Width, ["height"] = size.Height };
        }

        if (options?.AdditionalProperties?.TryGetValue(PortfolioImageGenerator.SeedKey, out var seed) == true && seed is long value)
        {
            input["seed"] = value;
        }

        if (request.OriginalImages?.OfType<DataContent>().FirstOrDefault() is { } reference)
        {
            input["image_url"] = reference.Uri;
        }

        return input;
    }

    private async Task<List<AIContent>> DownloadAsync(JsonElement result, string endpointId, CancellationToken cancellationToken)
    {
        var images = result.Obj("images") is { ValueKind: JsonValueKind.Array } list ? list.EnumerateArray().ToList() : [];
        var flagged = result.Obj("has_nsfw_concepts") is { ValueKind: JsonValueKind.Array } flags ? flags.EnumerateArray().Select(f => f.ValueKind == JsonValueKind.True).ToList() : [];
        var contents = new List<AIContent>();
        for (var i = 0; i < images.Count; i++)
        {
            if (i < flagged.Count && flagged[i])
            {
                continue;
            }

            if (!Uri.TryCreate(images[i].Str("url"), UriKind.Absolute, out var url))
            {
                continue;
            }

            using var buffer = new MemoryStream();
            await _queue.Client.DownloadAsync(url, buffer, cancellationToken).ConfigureAwait(false);
            contents.Add(new DataContent(buffer.ToArray(), images[i].Str("content_type") ?? "image/png"));
        }

        if (contents.Count == 0)
        {
            throw flagged.Count > 0 && flagged.All(f => f)
                ? ProviderFailures.Create(_queue.Client.Endpoint, ProviderFailureKind.BadRequest, $"fal's safety checker flagged every image of {endpointId} (content policy)")
                : ProviderFailures.Create(_queue.Client.Endpoint, ProviderFailureKind.BadResponse, $"fal completed {endpointId} without an image");
        }

        return contents;
    }
}
