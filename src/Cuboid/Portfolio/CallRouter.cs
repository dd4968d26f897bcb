using System.Collections.Concurrent;
using Cuboid.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Cuboid.Portfolio;

/// <summary>
/// Walks a route plan: for each candidate, reserves budget, calls it through its provider's resilience
/// pipeline (breakers per model, and per provider for failures of the whole provider), and on failure decides what next. Retryable failures are retried (by the pipeline) and then
/// fall over; 401/403 retire the provider for the run; a context-length 400 skips to a larger window;
/// any other 400 fails fast with the provider's message. Every model tried gets a record in the ledger of the call's run,
/// a span and a log line (<see cref="RouterSpans"/>, <see cref="RouterLog"/>).
/// One serves the whole process: breakers and latency are shared, while each call reserves from and books into its own
/// <see cref="RunScope"/>.
/// </summary>
internal sealed class CallRouter(ProviderDirectory providers, ProviderResilience resilience, LatencyTracker latency, TimeProvider time, ResilienceSettings settings, ILogger? logger = null)
{
    private const int MaxErrorLength = 300;

    private readonly ILogger _log = logger ?? NullLogger.Instance;

    // The first real failure of each model, and each provider's first provider-wide one, in this process: once a circuit
    // opens, later calls only see "circuit open", and the error must still say what actually went wrong.
    private readonly ConcurrentDictionary<string, Exception> _firstErrors = new(StringComparer.Ordinal);

    public async Task<RoutedCall<T>> RunAsync<T>(RoutePlan plan, RunScope run, Func<RouteCandidate, CancellationToken, Task<T>> attempt, CancellationToken cancellationToken)
    {
        var budget = run.Budget;
        var ledger = run.Ledger;
        if (plan.Candidates.Count == 0)
        {
            throw CuboidException.Provider(CuboidErrorCodes.ProviderUnavailable, NoCandidateMessage(plan));
        }

        // [telemetry] one span per routed call; one child span per model tried.
        using var route = RouterSpans.StartRoute(plan, run.Id);
        _log.RouteChosen(plan.Task, plan.Candidates[0].ModelId, plan.Candidates.Count);
        RouteFailure? lastFailure = null;

        List<RouteFailure>? failures = null;
        CuboidException? overBudget = null;
        int? contextFloor = null;
        foreach (var candidate in plan.Candidates)
        {
            var id = candidate.ModelId;
            if (providers.WhyNotUsable(candidate.Provider) is { } why)
            {
                (failures ??= []).Add(RouteFailure.Skipped(candidate, why));
                continue;
            }

            if (contextFloor is { } floor && (candidate.ContextWindow ?? int.MaxValue) <= floor)
            {
                (failures ??= []).Add(RouteFailure.Skipped(candidate, $"window not larger than {floor:N0}"));
                continue;
            }

            if (!budget.TryReserve(candidate.EstimatedCost, out var reservation))
            {
                // A cheaper candidate further down may still fit what is left.
                overBudget ??= budget.Exceeded(candidate.EstimatedCost, id);
                _log.BudgetRefused(plan.Task, id, candidate.EstimatedCost, budget.Remaining); // [telemetry]
                (failures ??= []).Add(RouteFailure.Skipped(candidate, $"~{RoutePlanner.Dollars(candidate.EstimatedCost)} does not fit the budget", overBudget: true));
                continue;
            }

            // [telemetry] moving on from a model that failed is a fallback; the answering model's span is closed when its call is booked.
            if (lastFailure is not null)
            {
                RouterSpans.Fallback(route, lastFailure, candidate);
                CuboidMetrics.Fallback(plan.Task, lastFailure.Provider, lastFailure.ModelId);
                _log.FallingBack(plan.Task, lastFailure.ModelId, id, lastFailure.Error);
            }

            var attemptSpan = RouterSpans.StartAttempt(route, plan.Task, candidate);
            var failuresBefore = failures?.Count ?? 0;
            var answered = false;
            var state = new AttemptState<T>(candidate, attempt, _firstErrors, cancellationToken);
            var start = time.GetTimestamp();
            try
            {
                var value = await resilience.For(candidate.Model).ExecuteAsync(
                    static async (s, token) =>
                    {
                        s.Attempts++;
                        try
                        {
                            return await s.Attempt(s.Candidate, token).ConfigureAwait(false);
                        }
                        catch (Exception ex) when (!s.CallerToken.IsCancellationRequested)
                        {
                            s.FirstError ??= ex;
                            s.FirstErrorsOfRun.TryAdd(s.Candidate.ModelId, ex);
                            if (ex is ProviderCallException { IsProviderWide: true })
                            {
                                s.FirstErrorsOfRun.TryAdd(s.Candidate.Provider, ex);
                            }
                            throw;
                        }
                    },
                    state,
                    cancellationToken).ConfigureAwait(false);
                RouterSpans.Answered(route, candidate); // [telemetry]
                var call = new RoutedCall<T>(value, candidate, state.Attempts, reservation, start, run) { Span = attemptSpan };
                attemptSpan = null;
                answered = true;
                return call;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                Fail(ledger, plan.Task, candidate, state.Attempts, reservation, start, "cancelled by the caller", CallOutcome.Abandoned);
                throw;
            }
            catch (ProviderCallException ex) when (ex.Kind == ProviderFailureKind.BadRequest)
            {
                Fail(ledger, plan.Task, candidate, state.Attempts, reservation, start, ex.Message);
                throw CuboidException.Provider(CuboidErrorCodes.ProviderFailed, $"{id} rejected the request: {Shorten(ex.Message)}", ex);
            }
            catch (ProviderCallException ex) when (ex.Kind == ProviderFailureKind.Unauthorized)
            {
                providers.MarkUnusable(candidate.Provider, $"it refused the key (HTTP {ex.StatusCode?.ToString() ?? "401/403"}) earlier in this run");
                (failures ??= []).Add(Fail(ledger, plan.Task, candidate, state.Attempts, reservation, start, $"refused the key (HTTP {ex.StatusCode})"));
            }
            catch (ProviderCallException ex) when (ex.Kind == ProviderFailureKind.ContextLengthExceeded)
            {
                contextFloor = Math.Max(contextFloor ?? 0, candidate.ContextWindow ?? int.MaxValue - 1);
                (failures ??= []).Add(Fail(ledger, plan.Task, candidate, state.Attempts, reservation, start, $"input exceeds its context window: {ex.Message}"));
            }
            catch (ProviderCallException ex)
            {
                (failures ??= []).Add(Fail(ledger, plan.Task, candidate, state.Attempts, reservation, start, ex.Message));
            }
            catch (BrokenCircuitException)
            {
                // Whose circuit: the provider's (its host unreachable) or only this model's.
                var broken = resilience.IsProviderCircuitOpen(candidate.Provider) ? candidate.Provider : candidate.ModelId;
                var first = state.FirstError ?? _firstErrors.GetValueOrDefault(broken);
                var cause = first is null ? null : Describe(first);
                (failures ??= []).Add(Fail(ledger, plan.Task, candidate, state.Attempts, reservation, start,
                    cause is null ? $"circuit open: {broken} kept failing" : $"circuit open: {broken} kept failing, first with: {cause}",
                    openCircuit: broken, cause: cause));
            }
            catch (TimeoutRejectedException)
            {
                (failures ??= []).Add(Fail(ledger, plan.Task, candidate, state.Attempts, reservation, start, $"no answer within {settings.CallTimeoutSeconds:0.###} s"));
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or NotSupportedException)
            {
                (failures ??= []).Add(Fail(ledger, plan.Task, candidate, state.Attempts, reservation, start, ex.Message));
            }
            finally
            {
                // [telemetry] a model that did not answer: the failure just recorded, or an error thrown through.
                if (!answered)
                {
                    lastFailure = (failures?.Count ?? 0) > failuresBefore ? failures![^1] : null;
                    var outcome = cancellationToken.IsCancellationRequested ? "abandoned" : lastFailure?.CircuitOpen == true ? "circuit_open" : "failed";
                    RouterSpans.AttemptFailed(attemptSpan, outcome, lastFailure?.Error);
                    _log.AttemptFailed(plan.Task, id, state.Attempts, lastFailure?.Error ?? outcome);
                }
            }
        }

        RouterSpans.NoAnswer(route, overBudget?.Message ?? "no model answered"); // [telemetry]

        if (overBudget is not null)
        {
            var others = failures!.Where(f => !f.OverBudget).ToList();
            throw others.Count == 0
                ? overBudget
                : new CuboidException(ErrorKind.Budget, CuboidErrorCodes.BudgetExceeded, $"{overBudget.Message} (the models that fit failed: {RouteFailure.Summarise(others)})");
        }

        throw CuboidException.Provider(CuboidErrorCodes.ProviderFailed, $"no model answered for task '{plan.Task}': {RouteFailure.Summarise(failures ?? [])}");
    }

    /// <summary>Books a placed call: settles its budget reservation with the actual price and writes its ledger record.</summary>
    public UsageRecord Complete<T>(string task, RoutedCall<T> call, CallUsage usage, CallOutcome outcome, string? error = null)
    {
        var model = call.Candidate.Model;
        var dollars = CallPricer.Price(model, usage.InputTokens, usage.OutputTokens, usage.Images, usage.AudioSeconds);
        call.Reservation.Settle(dollars);
        var elapsed = time.GetElapsedTime(call.StartTimestamp);
        if (outcome == CallOutcome.Succeeded)
        {
            latency.Observe(task, model.Id, elapsed);
        }

        var record = new UsageRecord
        {
            Task = task,
            Provider = model.Provider,
            ModelId = model.Id,
            InputTokens = usage.InputTokens,
            OutputTokens = usage.OutputTokens,
            TokensEstimated = usage.Estimated,
            Images = usage.Images,
            AudioSeconds = usage.AudioSeconds,
            Latency = elapsed,
            Attempts = call.Attempts,
            Outcome = outcome,
            Dollars = dollars,
            Priced = call.Candidate.Priced,
            Error = error is null ? null : Shorten(error),
            At = time.GetUtcNow(),
        };
        call.Run.Ledger.Record(record);
        RouterSpans.Booked(call.Span, record); // [telemetry]
        return record;
    }

    private RouteFailure Fail(UsageLedger ledger, string task, RouteCandidate candidate, int attempts, BudgetReservation reservation, long start, string error,
        CallOutcome outcome = CallOutcome.Failed, string? openCircuit = null, string? cause = null)
    {
        reservation.Settle(0);
        ledger.Record(new UsageRecord
        {
            Task = task,
            Provider = candidate.Provider,
            ModelId = candidate.ModelId,
            Latency = time.GetElapsedTime(start),
            Attempts = attempts,
            Outcome = outcome,
            Dollars = 0,
            Priced = candidate.Priced,
            Error = Shorten(error),
            At = time.GetUtcNow(),
        });
        return new RouteFailure(candidate.Provider, candidate.ModelId, attempts, Shorten(cause ?? error), openCircuit, OverBudget: false);
    }

    /// <summary>What one failed attempt says, in the words the final error uses.</summary>
    private string Describe(Exception exception) => exception switch
    {
        ProviderCallException { Kind: ProviderFailureKind.Unauthorized } call => $"refused the key (HTTP {call.StatusCode})",
        ProviderCallException call => Shorten(call.Message),
        OperationCanceledException => $"no answer within {settings.CallTimeoutSeconds:0.###} s",
        _ => Shorten(exception.Message),
    };

    internal string NoCandidateMessage(RoutePlan plan)
    {
        if (plan.Excluded.Count == 0)
        {
            return $"no model in the catalog serves task '{plan.Task}'";
        }

        // When no configured provider serves the task, the one useful thing to say is which variable would add one
        // (listing every model with the same "KEY is not set" made a 470-character line).
        var providersOfTask = plan.Excluded.Select(e => ModelId.ParseCached(e.ModelId).Provider).Distinct(StringComparer.Ordinal).ToList();
        var variables = providersOfTask.Select(providers.EnablingVariable).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (variables.Count > 0 && providersOfTask.All(p => providers.Status(p)?.Configured != true))
        {
            return $"no provider is configured for task '{plan.Task}'; set {EnvironmentHint.OneOf(variables)}";
        }

        var reasons = plan.Excluded.Take(4).Select(e => $"{e.ModelId}: {e.Reason}");
        var more = plan.Excluded.Count > 4 ? $"; and {plan.Excluded.Count - 4} more (see 'cuboid models route --task {plan.Task}')" : string.Empty;
        return $"no usable model for task '{plan.Task}': {string.Join("; ", reasons)}{more}; set a provider key such as OPENAI_API_KEY or enable a local endpoint";
    }

    internal static string Shorten(string message)
    {
        var line = message.ReplaceLineEndings(" ").Trim();
        return line.Length <= MaxErrorLength ? line : line[..MaxErrorLength] + "...";
    }

    private sealed class AttemptState<T>(RouteCandidate candidate, Func<RouteCandidate, CancellationToken, Task<T>> attempt,
        ConcurrentDictionary<string, Exception> firstErrorsOfRun, CancellationToken callerToken)
    {
        public ConcurrentDictionary<string, Exception> FirstErrorsOfRun { get; } = firstErrorsOfRun;

        public CancellationToken CallerToken { get; } = callerToken;

        public RouteCandidate Candidate { get; } = candidate;

        public Func<RouteCandidate, CancellationToken, Task<T>> Attempt { get; } = attempt;

        public int Attempts { get; set; }

        /// <summary>The first exception an attempt of this call threw, kept for when a later attempt only meets an open circuit.</summary>
        public Exception? FirstError { get; set; }
    }
}
