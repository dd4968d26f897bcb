using System.Diagnostics;
using Cuboid.Understanding;
using Microsoft.Extensions.Logging;

namespace Cuboid.Diagnostics;

/// <summary>
/// One analysis stage as telemetry: an <c>analyze {stage}</c> span, a <c>cuboid.analysis.stage.duration</c> measurement
/// and a start and an end log line. <see cref="End"/> names how it ended; disposing one not ended records <c>failed</c>.
/// A detached stage (the decode pass, which overlaps the caption stage) does not become the current
/// span, so the calls made meanwhile are not counted as its children.
/// </summary>
internal sealed class StageSpan : IDisposable
{
    private readonly string _stage;
    private readonly ILogger _log;
    private readonly TimeProvider _time;
    private readonly long _start;
    private readonly bool _detached;
#pragma warning disable CA2213 // Disposed (stopped) where the stage ends, which Dispose reaches too.
    private Activity? _span;
#pragma warning restore CA2213
    private bool _ended;

    private StageSpan(string stage, ILogger log, TimeProvider time, bool detached)
    {
        _stage = stage;
        _log = log;
        _time = time;
        _detached = detached;
        _start = time.GetTimestamp();
        var current = Activity.Current;
        _span = CuboidDiagnostics.ActivitySource.StartActivity($"analyze {stage}");
        _span?.SetTag(TelemetryTags.Stage, stage);
        if (detached)
        {
            Activity.Current = current;
        }

        log.StageStarted(stage);
    }

    /// <summary>The stage's name (<c>probe</c>, <c>decode</c>, <c>caption</c>, <c>transcribe</c>, <c>synthesize</c>, <c>report</c>).</summary>
    public string Name => _stage;

    public static StageSpan Start(string stage, ILogger log, TimeProvider time, bool detached = false) => new(stage, log, time, detached);

    /// <summary>Ends the stage: <c>ok</c>, <c>stopped</c> (budget or providers), <c>skipped</c> or <c>failed</c>.</summary>
    public void End(string outcome = "ok", string? detail = null)
    {
        if (_ended)
        {
            return;
        }

        _ended = true;
        var elapsed = _time.GetElapsedTime(_start);
        if (_span is { } span)
        {
            span.SetTag(TelemetryTags.Outcome, outcome);
            if (outcome == "failed" || outcome == "stopped")
            {
                span.SetStatus(ActivityStatusCode.Error, detail);
            }

            // Stopping a span makes its parent current; a detached one must leave the current span alone.
            var current = Activity.Current;
            span.Dispose();
            if (_detached || current != span)
            {
                Activity.Current = current;
            }

            _span = null;
        }

        CuboidMetrics.StageEnded(_stage, outcome, elapsed);
        _log.StageEnded(_stage, outcome, elapsed.TotalSeconds, detail ?? string.Empty);
    }

    public void Dispose() => End("failed");
}
