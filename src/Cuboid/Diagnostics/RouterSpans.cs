using System.Diagnostics;
using Cuboid.Portfolio;

namespace Cuboid.Diagnostics;

/// <summary>
/// The router's spans: <c>route {task}</c> around one routed call, and under it one <c>{operation} {model}</c> span per
/// model tried (GenAI client spans: provider, model, outcome, tokens). Moving on to the next model adds a
/// <c>cuboid.fallback</c> event to the route span. Each method is a no-op on a null span (nobody listening).
/// </summary>
internal static class RouterSpans
{
    public const string FallbackEvent = "cuboid.fallback";

    public static Activity? StartRoute(RoutePlan plan, string runId)
    {
        var source = CuboidDiagnostics.ActivitySource;
        if (!source.HasListeners())
        {
            return null;
        }

        var span = source.StartActivity($"route {plan.Task}");
        span?.SetTag(TelemetryTags.Task, plan.Task)
            .SetTag(TelemetryTags.OperationName, OperationOf(plan.Task))
            .SetTag(TelemetryTags.Candidates, plan.Candidates.Count)
            .SetTag(TelemetryTags.RunId, runId);
        return span;
    }

    public static Activity? StartAttempt(Activity? route, string task, RouteCandidate candidate)
    {
        if (route is null)
        {
            return null;
        }

        var operation = OperationOf(task);
        var span = CuboidDiagnostics.ActivitySource.StartActivity($"{operation} {candidate.ModelId}", ActivityKind.Client, route.Context);
        span?.SetTag(TelemetryTags.OperationName, operation)
            .SetTag(TelemetryTags.ProviderName, candidate.Provider)
            .SetTag(TelemetryTags.RequestModel, candidate.ModelId)
            .SetTag(TelemetryTags.Task, task);
        return span;
    }

    /// <summary>Ends the span of a model that did not answer (a failure the router recorded, or an error thrown through).</summary>
    public static void AttemptFailed(Activity? attempt, string outcome, string? reason)
    {
        if (attempt is null)
        {
            return;
        }

        attempt.SetTag(TelemetryTags.Outcome, outcome)
            .SetTag(TelemetryTags.ErrorType, outcome)
            .SetStatus(ActivityStatusCode.Error, reason);
        attempt.Dispose();
    }

    public static void Fallback(Activity? route, RouteFailure from, RouteCandidate to)
    {
        route?.AddEvent(new ActivityEvent(FallbackEvent, tags: new ActivityTagsCollection
        {
            [TelemetryTags.FallbackFrom] = from.ModelId,
            [TelemetryTags.FallbackTo] = to.ModelId,
            [TelemetryTags.FallbackReason] = from.Error,
        }));
    }

    /// <summary>The route found a model: names it on the route span (the attempt span stays open until the call is booked).</summary>
    public static void Answered(Activity? route, RouteCandidate candidate)
    {
        route?.SetTag(TelemetryTags.ResponseModel, candidate.ModelId).SetTag(TelemetryTags.Outcome, "answered");
    }

    public static void NoAnswer(Activity? route, string reason)
    {
        route?.SetTag(TelemetryTags.Outcome, "failed").SetStatus(ActivityStatusCode.Error, reason);
    }

    /// <summary>Ends the answering model's span once its call is booked, with what it used and cost.</summary>
    public static void Booked(Activity? attempt, UsageRecord record)
    {
        if (attempt is null)
        {
            return;
        }

        attempt.SetTag(TelemetryTags.ResponseModel, record.ModelId)
            .SetTag(TelemetryTags.InputTokens, record.InputTokens)
            .SetTag(TelemetryTags.OutputTokens, record.OutputTokens)
            .SetTag(TelemetryTags.Dollars, (double)record.Dollars)
            .SetTag(TelemetryTags.Attempts, record.Attempts)
            .SetTag(TelemetryTags.Outcome, CuboidMetrics.OutcomeName(record.Outcome));
        if (record.Outcome != CallOutcome.Succeeded)
        {
            attempt.SetStatus(ActivityStatusCode.Error, record.Error);
        }

        attempt.Dispose();
    }

    /// <summary>The GenAI operation name of a task: <c>chat</c> for chat tasks, <c>transcribe</c> for speech to text.</summary>
    public static string OperationOf(string task) => task == ModelTasks.Transcribe ? "transcribe" : "chat";
}
