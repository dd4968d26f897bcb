using System.Collections.Concurrent;
using System.Diagnostics;

namespace Cuboid.Tests.Server.Jobs;

/// <summary>A step for the trace tests: records the span it runs in, by marker.</summary>
public static class StepSpanRecorder
{
    public static ConcurrentDictionary<string, (ActivityTraceId Trace, ActivitySpanId Parent, string Name)> Seen { get; } = new(StringComparer.Ordinal);

    public static void Record(string marker)
    {
        var current = Activity.Current!;
        Seen[marker] = (current.TraceId, current.ParentSpanId, current.DisplayName);
    }
}
