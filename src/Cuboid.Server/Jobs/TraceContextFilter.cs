using System.Diagnostics;
using Cuboid.Diagnostics;
using Hangfire.Client;
using Hangfire.Server;

namespace Cuboid.Server.Jobs;

/// <summary>
/// Carries the OpenTelemetry trace across the queue: the W3C <c>traceparent</c> of whoever enqueued a step is stored in
/// the step's job parameters, and the worker runs the step inside a <c>step {method}</c> span whose parent it is, so one
/// trace spans API → queue → worker (and a step's own steps).
/// </summary>
public sealed class TraceContextFilter : IClientFilter, IServerFilter
{
    public const string Parameter = "traceparent";
    private const string ActivityItem = "cuboid.step.activity";

    public void OnCreating(CreatingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Activity.Current is { IdFormat: ActivityIdFormat.W3C } current)
        {
            context.SetJobParameter(Parameter, current.Id);
        }
    }

    public void OnCreated(CreatedContext context)
    {
    }

    public void OnPerforming(PerformingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var traceparent = context.GetJobParameter<string>(Parameter);
        var parent = traceparent is not null && ActivityContext.TryParse(traceparent, null, out var parsed) ? parsed : default;
        var activity = CuboidDiagnostics.ActivitySource.StartActivity($"step {context.BackgroundJob.Job.Method.Name}", ActivityKind.Consumer, parent);
        activity?.SetTag("cuboid.job.id", context.BackgroundJob.Id);
        activity?.SetTag("messaging.destination.name", context.BackgroundJob.Job.Queue);
        context.Items[ActivityItem] = activity;
    }

    public void OnPerformed(PerformedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items.TryGetValue(ActivityItem, out var item) && item is Activity activity)
        {
            if (context.Exception is not null)
            {
                activity.SetStatus(ActivityStatusCode.Error, context.Exception.GetType().Name);
            }

            activity.Dispose();
        }
    }
}
