using System.Collections.Concurrent;
using System.Diagnostics;
using Cuboid.Diagnostics;

namespace Cuboid.Tests.Diagnostics;

/// <summary>
/// Records the <c>Cuboid</c> spans of one test: the test runs under a root span of its own, and only spans of that trace
/// are kept, so tests running in parallel do not see each other's spans.
/// </summary>
internal sealed class SpanRecorder : IDisposable
{
    private const string TestSourceName = "Cuboid.Tests.Diagnostics";
    private static readonly ActivitySource TestSource = new(TestSourceName);
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;
    private readonly Activity _root;

    public SpanRecorder()
    {
        _listener = new ActivityListener
        {
            // By name: the test source is created (and offered to this listener) while its static field is still null.
            ShouldListenTo = source => source.Name is CuboidDiagnostics.Name or TestSourceName,
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
        _root = TestSource.StartActivity("test")!;
    }

    /// <summary>The finished <c>Cuboid</c> spans of this test, in the order they ended.</summary>
    public IReadOnlyList<Activity> Spans =>
        [.. _stopped.Where(a => a.TraceId == _root.TraceId && a.Source.Name == CuboidDiagnostics.Name)];

    public IReadOnlyList<Activity> Named(string name) => [.. Spans.Where(s => s.DisplayName == name)];

    public void Dispose()
    {
        _root.Dispose();
        _listener.Dispose();
    }
}
