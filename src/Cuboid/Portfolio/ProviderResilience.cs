using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Telemetry;
using Polly.Timeout;

namespace Cuboid.Portfolio;

/// <summary>
/// One Polly pipeline per provider and model: retry (jittered exponential backoff, honouring Retry-After) around
/// two circuit breakers around a per-attempt deadline. The model's breaker counts that model's transient failures
/// (5xx, 429, timeouts, bad answers), so one broken model does not push the provider's other models aside; the
/// provider's breaker, shared by all its models for the run, counts only failures no model could escape: a host
/// that refuses connections or does not resolve. (A refused key retires the provider outright, in the router.)
/// Polly's telemetry is on (meter <c>Polly</c>, pipelines <c>cuboid.model</c>/<c>cuboid.provider</c>, instance the
/// model or provider id); its log lines are kept at Information or below, since the router logs what matters to a user.
/// </summary>
internal sealed class ProviderResilience(ResilienceSettings settings, TimeProvider time, Func<double>? randomizer = null, ILoggerFactory? loggerFactory = null, bool telemetry = true)
{
    private readonly ILoggerFactory _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
    private readonly BreakerLogListener _breakerLog = new((loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<CallRouter>());

    private readonly ConcurrentDictionary<string, ResiliencePipeline> _pipelines = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (ResiliencePipeline Pipeline, CircuitBreakerStateProvider State)> _providerBreakers = new(StringComparer.Ordinal);

    public ResiliencePipeline For(CatalogModel model) => _pipelines.GetOrAdd(model.Id, static (_, state) => state.Self.Build(state.Model), (Self: this, Model: model));

    /// <summary>Whether the provider's own circuit is open (its host unreachable), as opposed to one model's.</summary>
    public bool IsProviderCircuitOpen(string provider) =>
        _providerBreakers.TryGetValue(provider, out var breaker) && breaker.State.CircuitState is CircuitState.Open or CircuitState.Isolated;

    /// <summary>Failures worth another try of the same model: transient provider failures with a tolerable Retry-After, and our own deadline.</summary>
    public bool IsRetryable(Exception? exception) => exception switch
    {
        ProviderCallException { IsTransient: true } call => call.RetryAfter is null || call.RetryAfter.Value.TotalSeconds <= settings.MaxRetryAfterSeconds,
        TimeoutRejectedException => true,
        HttpRequestException or IOException => true,
        _ => false,
    };

    /// <summary>Failures that say the provider's host cannot be reached, whichever model was called.</summary>
    private static bool CountsAgainstProvider(Exception? exception) => exception switch
    {
        ProviderCallException call => call.IsTransient && call.IsProviderWide,
        HttpRequestException or IOException => Providers.ProviderFailures.IsUnreachable(exception),
        _ => false,
    };

    /// <summary>Failures that count against one model's health.</summary>
    private static bool CountsAgainstModel(Exception? exception) =>
        !CountsAgainstProvider(exception)
        && exception is ProviderCallException { IsTransient: true } or TimeoutRejectedException or HttpRequestException or IOException;

    private ResiliencePipeline Build(CatalogModel model)
    {
        var builder = NewBuilder("cuboid.model", model.Id);
        if (settings.MaxAttempts > 1)
        {
            var retry = new RetryStrategyOptions
            {
                MaxRetryAttempts = settings.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(settings.BaseDelaySeconds),
                MaxDelay = TimeSpan.FromSeconds(settings.MaxDelaySeconds),
                ShouldHandle = args => ValueTask.FromResult(IsRetryable(args.Outcome.Exception)),
                DelayGenerator = static args => ValueTask.FromResult(
                    args.Outcome.Exception is ProviderCallException { RetryAfter: { } after } ? after : (TimeSpan?)null),
            };
            if (randomizer is not null)
            {
                retry.Randomizer = randomizer;
            }

            builder.AddRetry(retry);
        }

        // The provider's breaker is one pipeline instance shared by every model's pipeline, so its state is shared too.
        var provider = _providerBreakers.GetOrAdd(model.Provider, static (id, self) => self.ProviderBreaker(id), this);

        return builder
            .AddPipeline(provider.Pipeline)
            .AddCircuitBreaker(Breaker(CountsAgainstModel))
            .AddTimeout(TimeSpan.FromSeconds(settings.CallTimeoutSeconds))
            .Build();
    }

    private (ResiliencePipeline Pipeline, CircuitBreakerStateProvider State) ProviderBreaker(string provider)
    {
        var state = new CircuitBreakerStateProvider();
        var pipeline = NewBuilder("cuboid.provider", provider).AddCircuitBreaker(Breaker(CountsAgainstProvider, state)).Build();
        return (pipeline, state);
    }

    private ResiliencePipelineBuilder NewBuilder(string name, string instance)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = time, Name = name, InstanceName = instance };
        if (!telemetry)
        {
            return builder;
        }

        // Polly's listener behind a filter for the per-call events (QuietTelemetryListener); the builder's listener is the
        // one hook for that, which ConfigureTelemetry sets.
        builder.ConfigureTelemetry(Telemetry());
        builder.TelemetryListener = new QuietTelemetryListener(builder.TelemetryListener!);
        return builder;
    }

    private TelemetryOptions Telemetry() => new()
    {
        LoggerFactory = _loggerFactory,
        TelemetryListeners = { _breakerLog },
        // Polly logs a handled failure as a warning and an opened circuit as an error; the router's own lines say it for a
        // user. A failed attempt (the per-call events never get here: QuietTelemetryListener) is detail: Debug.
        SeverityProvider = static args => args.Event.EventName is "ExecutionAttempt" ? ResilienceEventSeverity.Debug
            : args.Event.Severity > ResilienceEventSeverity.Information ? ResilienceEventSeverity.Information : args.Event.Severity,
    };

    private CircuitBreakerStrategyOptions Breaker(Func<Exception?, bool> counts, CircuitBreakerStateProvider? state = null) => new()
    {
        FailureRatio = settings.BreakerFailureRatio,
        MinimumThroughput = settings.BreakerMinimumThroughput,
        SamplingDuration = TimeSpan.FromSeconds(settings.BreakerSamplingSeconds),
        BreakDuration = TimeSpan.FromSeconds(settings.BreakerBreakSeconds),
        ShouldHandle = args => ValueTask.FromResult(counts(args.Outcome.Exception)),
        StateProvider = state,
    };
}
