using System.Diagnostics;
using Cuboid.Diagnostics;
using Cuboid.Server.Jobs;
using Hangfire;
using Hangfire.InMemory;

namespace Cuboid.Tests.Server.Jobs;

/// <summary>One trace spans API → queue → worker: the step's span is a child of the span that enqueued it.</summary>
public sealed class TraceContextFilterTests
{
    [Fact]
    public async Task A_step_runs_in_a_span_whose_parent_is_the_span_that_enqueued_it()
    {
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == CuboidDiagnostics.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        GlobalConfiguration.Configuration.UseLogProvider(new HostLogProvider(Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance));
        var storage = new InMemoryStorage();
        ScaleOutServices.AddTraceFilter();
        var client = new BackgroundJobClient(storage);
        var marker = Guid.NewGuid().ToString("N");
        ActivityTraceId trace;
        ActivitySpanId enqueuedBy;
        using (var api = CuboidDiagnostics.ActivitySource.StartActivity("POST /v1/batches/{id}/videos")!)
        {
            trace = api.TraceId;
            enqueuedBy = api.SpanId;
            client.Enqueue(() => StepSpanRecorder.Record(marker));
        }

        using var server = new BackgroundJobServer(new BackgroundJobServerOptions
        {
            WorkerCount = 1,
            ServerName = "trace-test-" + marker,
            // Its own activator: the global one belongs to whichever gateway test host configured Hangfire last, and a
            // disposed host's container fails every job it starts.
            Activator = new JobActivator(),
        }, storage);
        // Up to a minute: a loaded CI machine can take seconds to start a Hangfire worker.
        for (var i = 0; i < 1200 && !StepSpanRecorder.Seen.ContainsKey(marker); i++)
        {
            await Task.Delay(50);
        }

        var seen = StepSpanRecorder.Seen[marker];
        Assert.Equal(trace, seen.Trace);
        Assert.Equal(enqueuedBy, seen.Parent);
        Assert.Equal("step Record", seen.Name);
    }
}
