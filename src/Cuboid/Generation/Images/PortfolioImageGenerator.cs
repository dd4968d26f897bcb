using System.Collections.Concurrent;
using System.Globalization;
using Cuboid.Generation.Catalog;
using Cuboid.Generation.Routing;
using Cuboid.Portfolio;
using Microsoft.Extensions.AI;

namespace Cuboid.Generation.Images;

/// <summary>
/// The generation portfolio as an <see cref="IImageGenerator"/>: text-to-image (<c>t2i</c>) or, when the request carries
/// reference images, image-to-image (<c>i2i</c>), routed exactly like video (<see cref="VideoRoutePlanner"/>: the model by
/// policy on decayed ratings, then the host by price; routes that cannot serve the size, the references or the seed are
/// skipped with a reason), the estimate reserved in the run's <see cref="RunBudget"/> before the call and settled from the
/// images delivered (their header size), every route tried booked in the <see cref="UsageLedger"/>. A 429 is retried on the
/// same route within <see cref="StartDeadline"/>; 5xx, refused keys, timeouts and lost connections fall over to the next
/// route (a timeout keeps its estimate spent: the host may have billed it); a refusal of the request itself (content
/// policy, bad input) fails at once without trying another host. <see cref="ImageGenerationOptions.ModelId"/> pins a
/// canonical model (<c>openai:gpt-image-1</c>); quality, seed and policy travel in <see cref="ImageGenerationOptions.AdditionalProperties"/>.
/// </summary>
public sealed class PortfolioImageGenerator : IImageGenerator
{
    /// <summary><c>low</c>, <c>medium</c> (default) or <c>high</c>: sent to hosts that take it, and picks the price SKU.</summary>
    public const string QualityKey = "quality";

    /// <summary>A <see cref="long"/> seed; routes without one are skipped.</summary>
    public const string SeedKey = "seed";

    /// <summary>A <see cref="RoutingPolicy"/>; quality when absent.</summary>
    public const string PolicyKey = "cuboid.policy";

    /// <summary>On each image: the route that answered, <c>host:model</c>. (Images carry no <c>ModelId</c> in
    /// Microsoft.Extensions.AI, so the route rides in <see cref="AIContent.AdditionalProperties"/>.)</summary>
    public const string AnsweredByKey = "cuboid.route";

    /// <summary>On each image: the canonical model that answered.</summary>
    public const string ModelKey = "cuboid.model";

    /// <summary>On each image: its share of the dollars booked for the call (a <see cref="decimal"/>).</summary>
    public const string DollarsKey = "cuboid.dollars";

    /// <summary>The size asked for when the request names none: 1024×1024.</summary>
    public static readonly VideoSize DefaultSize = new(1024, 1024);

    private readonly VideoCatalog _catalog;
    private readonly VideoHostDirectory _hosts;
    private readonly RatingDecay _decay;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, IImageGenerator> _generators = new(StringComparer.Ordinal);

    /// <summary>A generator over <paramref name="catalog"/>'s image routes on <paramref name="hosts"/>, spending from <paramref name="budget"/> and booking into <paramref name="ledger"/>; usually made by <see cref="GenerationSession.Images"/>.</summary>
    public PortfolioImageGenerator(VideoCatalog catalog, VideoHostDirectory hosts, RatingDecay decay, RunBudget budget, UsageLedger ledger, TimeProvider? time = null)
    {
        _catalog = catalog;
        _hosts = hosts;
        _decay = decay;
        Budget = budget;
        Ledger = ledger;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The budget every image call reserves from before it is sent.</summary>
    public RunBudget Budget { get; }

    /// <summary>The ledger every image call, failed or not, is booked into.</summary>
    public UsageLedger Ledger { get; }

    /// <summary>Why a host cannot be used here (no key, not in the catalog), or null when it can.</summary>
    public string? UnusableReason(string host) => _hosts.UnusableReason(host);

    /// <summary>How long a route that answers 429 may be retried before the next route is tried.</summary>
    public TimeSpan StartDeadline { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The routes in the order they would be tried, and those skipped; calls nothing. With
    /// <paramref name="assumeEveryHostConfigured"/> (a dry run) hosts without a key are planned and priced too.
    /// </summary>
    public VideoRoutePlan Plan(ImageGenerationRequest request, ImageGenerationOptions? options = null, bool assumeEveryHostConfigured = false) =>
        new VideoRoutePlanner(_catalog, _decay, assumeEveryHostConfigured ? static _ => null : _hosts.UnusableReason).Plan(RouteRequest(request, options));

    /// <summary>The router's answer as Microsoft.Extensions.AI shapes it; each image carries <see cref="AnsweredByKey"/>, <see cref="ModelKey"/> and its share of <see cref="DollarsKey"/>.</summary>
    public async Task<ImageGenerationResponse> GenerateAsync(ImageGenerationRequest request, ImageGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var outcome = await GenerateRoutedAsync(request, options, cancellationToken).ConfigureAwait(false);
        foreach (var image in outcome.Images)
        {
            image.AdditionalProperties ??= [];
            image.AdditionalProperties[AnsweredByKey] = outcome.Route.Route.Id;
            image.AdditionalProperties[ModelKey] = outcome.Route.Model.Id;
            image.AdditionalProperties[DollarsKey] = outcome.Dollars / outcome.Images.Count;
        }

        return new ImageGenerationResponse([.. outcome.Images]);
    }

    /// <summary>Routes, reserves, calls, falls over and books one image request; the entry point of <c>cuboid image</c>.</summary>
    public async Task<ImageOutcome> GenerateRoutedAsync(ImageGenerationRequest request, ImageGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var plan = Plan(request, options);
        var failures = new List<string>();
        var outcome = await RoutedAttempts.FirstAcceptedAsync(plan, Budget, string.Create(CultureInfo.InvariantCulture, $"{plan.Request.Images} {plan.Request.Size} image(s)"),
            async (candidate, reservation) =>
            {
                var (images, dollars, failure) = await CallAsync(candidate, plan.Request, request, options, reservation, cancellationToken).ConfigureAwait(false);
                if (images is not null)
                {
                    return (new ImageOutcome(images, candidate, dollars, plan, failures), null);
                }

                failures.Add($"{candidate.Route.Id}: {failure!.Message}");
                return ((ImageOutcome?)null, failure.Kind);
            }).ConfigureAwait(false);
        return outcome ?? throw RoutedAttempts.NoRoute(plan, failures, "every image route failed", $"a {plan.Request.Size} {plan.Request.Task} image");
    }

    /// <inheritdoc/>
    public object? GetService(Type serviceType, object? serviceKey = null) => serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    /// <summary>Disposes the host generators this instance made.</summary>
    public void Dispose()
    {
        foreach (var generator in _generators.Values)
        {
            generator.Dispose();
        }
    }

    private static VideoRouteRequest RouteRequest(ImageGenerationRequest request, ImageGenerationOptions? options)
    {
        if (string.IsNullOrWhiteSpace(request.Prompt))
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueMissing, CuboidParameters.Prompt, "the prompt is empty; say what the image should show");
        }

        var count = options?.Count ?? 1;
        if (count is < 1 or > 10)
        {
            throw CuboidException.Usage(CuboidErrorCodes.ValueInvalid, CuboidParameters.Count, $"an image call makes 1 to 10 images, not {count}");
        }

        var references = request.OriginalImages?.Count() ?? 0;
        var properties = options?.AdditionalProperties;
        return new VideoRouteRequest
        {
            Task = references > 0 ? ImageTasks.ImageToImage : ImageTasks.TextToImage,
            Seconds = 0,
            Images = count,
            Size = options?.ImageSize is { } size ? new VideoSize(size.Width, size.Height) : DefaultSize,
            ReferenceImages = references,
            Quality = properties?.TryGetValue(QualityKey, out var quality) == true ? quality as string : null,
            Seed = properties?.ContainsKey(SeedKey) == true,
            Model = options?.ModelId,
            Policy = properties?.TryGetValue(PolicyKey, out var policy) == true && policy is RoutingPolicy chosen ? chosen : RoutingPolicy.Quality,
        };
    }

    // One route: 429s retried within the start deadline; anything else ends the route (or, for a refused request, the call).
    private async Task<(IReadOnlyList<DataContent>? Images, decimal Dollars, ProviderCallException? Failure)> CallAsync(VideoRouteCandidate candidate, VideoRouteRequest routed,
        ImageGenerationRequest request, ImageGenerationOptions? options, BudgetReservation reservation, CancellationToken cancellationToken)
    {
        var started = _time.GetUtcNow();
        var deadline = started + StartDeadline;
        var sent = options?.Clone() ?? new ImageGenerationOptions();
        sent.ModelId = candidate.Route.Model;
        sent.ImageSize = new System.Drawing.Size(routed.Size.Width, routed.Size.Height);
        sent.Count = routed.Images;
        if (candidate.Route.ImagePrices.Any(p => p.Quality is not null))
        {
            // Ask for the quality the estimate priced, so the host's own default cannot bill a dearer one.
            sent.AdditionalProperties = new AdditionalPropertiesDictionary(sent.AdditionalProperties ?? []) { [QualityKey] = routed.Quality ?? ImagePricing.DefaultQuality };
        }
        var generator = _generators.GetOrAdd(candidate.Route.Host, _hosts.ImageGeneratorFor);
        for (var attempts = 1; ; attempts++)
        {
            try
            {
                var response = await generator.GenerateAsync(request, sent, cancellationToken).ConfigureAwait(false);
                var images = response.Contents.OfType<DataContent>().Where(c => c.HasTopLevelMediaType("image")).ToList();
                if (images.Count == 0)
                {
                    throw new ProviderCallException(candidate.Route.Host, ProviderFailureKind.BadResponse, "the host answered without an image");
                }

                // Billed at the size delivered, as video is billed at the resolution delivered.
                var dollars = images.Sum(i => ImagePricing.Cost(candidate.Route.ImagePrices, ImageHeader.Size(i.Data.Span) ?? routed.Size, routed.Quality, 1) ?? 0);
                reservation.Settle(dollars);
                Book(candidate, routed, attempts, CallOutcome.Succeeded, dollars, images.Count, started, null);
                return (images, dollars, null);
            }
            catch (ProviderCallException ex) when (ex.Kind == ProviderFailureKind.RateLimited && _time.GetUtcNow() + (ex.RetryAfter ?? TimeSpan.FromSeconds(1)) < deadline)
            {
                await Task.Delay(ex.RetryAfter ?? TimeSpan.FromSeconds(1), _time, cancellationToken).ConfigureAwait(false);
            }
            catch (ProviderCallException ex) when (ex.Kind == ProviderFailureKind.BadRequest)
            {
                reservation.Settle(0);
                Book(candidate, routed, attempts, CallOutcome.Failed, 0, 0, started, ex.Message);
                throw CuboidException.Provider(CuboidErrorCodes.ProviderFailed, $"{candidate.Route.Id} refused the request: {ex.Message}", ex);
            }
            catch (ProviderCallException ex)
            {
                // A timeout or a cut connection may have been billed: keep the estimate spent rather than free it optimistically.
                var maybeBilled = ex.Kind is ProviderFailureKind.Timeout || (ex.Kind == ProviderFailureKind.ConnectionFailed && !ex.Unreachable);
                var dollars = maybeBilled ? candidate.EstimatedCost : 0;
                reservation.Settle(dollars);
                Book(candidate, routed, attempts, maybeBilled ? CallOutcome.Abandoned : CallOutcome.Failed, dollars, 0, started, ex.Message);
                return (null, 0, ex);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                reservation.Settle(candidate.EstimatedCost);
                Book(candidate, routed, attempts, CallOutcome.Abandoned, candidate.EstimatedCost, 0, started, "cancelled by the caller");
                throw;
            }
        }
    }

    private void Book(VideoRouteCandidate candidate, VideoRouteRequest routed, int attempts, CallOutcome outcome, decimal dollars, int images, DateTimeOffset started, string? error) =>
        Ledger.Record(new UsageRecord
        {
            Task = routed.Task,
            Provider = candidate.Route.Host,
            ModelId = candidate.Route.Id,
            Attempts = attempts,
            Outcome = outcome,
            Dollars = dollars,
            Images = images,
            Latency = _time.GetUtcNow() - started,
            Error = error,
            At = _time.GetUtcNow(),
        });
}
