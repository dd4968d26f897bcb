using System.Collections.Concurrent;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Cuboid.Portfolio;

/// <summary>
/// One Polly pipeline per provider: retry (jittered exponential backoff, honouring Retry-After) around a
/// circuit breaker (shared by every call to that provider in the run) around a per-attempt deadline.
/// </summary>
internal sealed class ProviderResilience(ResilienceSettings settings, TimeProvider time, Func<double>? randomizer = null)
{
    private readonly ConcurrentDictionary<string, ResiliencePipeline> _pipelines = new(StringComparer.Ordinal);

    public ResiliencePipeline For(string provider) => _pipelines.GetOrAdd(provider, _ => Build());

    /// <summary>Failures worth another try of the same model: transient provider failures with a tolerable Retry-After, and our own deadline.</summary>
    public bool IsRetryable(Exception? exception) => exception switch
    {
        ProviderCallException { IsTransient: true } call => call.RetryAfter is null || call.RetryAfter.Value.TotalSeconds <= settings.MaxRetryAfterSeconds,
        TimeoutRejectedException => true,
        HttpRequestException or IOException => true,
        _ => false,
    };

    /// <summary>Failures that count against a provider's health.</summary>
    private static bool CountsAgainstProvider(Exception? exception) =>
        exception is ProviderCallException { IsTransient: true } or TimeoutRejectedException or HttpRequestException or IOException;

    private ResiliencePipeline Build()
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = time };
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

        return builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = settings.BreakerFailureRatio,
                MinimumThroughput = settings.BreakerMinimumThroughput,
                SamplingDuration = TimeSpan.FromSeconds(settings.BreakerSamplingSeconds),
                BreakDuration = TimeSpan.FromSeconds(settings.BreakerBreakSeconds),
                ShouldHandle = static args => ValueTask.FromResult(CountsAgainstProvider(args.Outcome.Exception)),
            })
            .AddTimeout(TimeSpan.FromSeconds(settings.CallTimeoutSeconds))
            .Build();
    }
}
