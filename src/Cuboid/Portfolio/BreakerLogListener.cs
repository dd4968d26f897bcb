using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;
using Polly.Telemetry;

namespace Cuboid.Portfolio;

/// <summary>
/// Logs circuit breakers opening, half-opening and closing from Polly's telemetry events, which Polly reports
/// synchronously. (The breaker's own <c>OnOpened</c> callbacks would run on Polly's background task executor instead.)
/// The breaker is named by the pipeline's instance name: the model id, or the provider id for a provider's breaker.
/// </summary>
internal sealed class BreakerLogListener(ILogger logger) : TelemetryListener
{
    public override void Write<TResult, TArgs>(in TelemetryEventArguments<TResult, TArgs> args)
    {
        var breaker = args.Source.PipelineInstanceName ?? args.Source.PipelineName ?? "unknown";
        switch (args.Arguments)
        {
            case OnCircuitOpenedArguments<TResult> opened:
                logger.BreakerOpened(breaker, opened.BreakDuration.TotalSeconds);
                break;
            case OnCircuitClosedArguments<TResult>:
                logger.BreakerClosed(breaker);
                break;
            case OnCircuitHalfOpenedArguments:
                logger.BreakerHalfOpened(breaker);
                break;
        }
    }
}
