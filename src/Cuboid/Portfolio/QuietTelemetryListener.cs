using Polly.Telemetry;

namespace Cuboid.Portfolio;

/// <summary>
/// Polly's telemetry (its logs and its <c>Polly</c> meter) without the events every call raises: "pipeline executing",
/// "pipeline executed" and a successful "execution attempt", reported by each pipeline a call crosses (the model's and
/// its provider's). Passing them on cost more per call than the retry, breakers and timeout themselves, and the router
/// already times every call (its spans and <c>cuboid.*</c> metrics). Retries, failed attempts, timeouts and breakers
/// opening and closing still reach Polly's logs and meter, and the router's breaker log.
/// </summary>
internal sealed class QuietTelemetryListener(TelemetryListener inner) : TelemetryListener
{
    public override void Write<TResult, TArgs>(in TelemetryEventArguments<TResult, TArgs> args)
    {
        if (args.Arguments is PipelineExecutingArguments or PipelineExecutedArguments
            || (args.Arguments is ExecutionAttemptArguments && args.Event.Severity <= ResilienceEventSeverity.Information))
        {
            return;
        }

        inner.Write(in args);
    }
}
