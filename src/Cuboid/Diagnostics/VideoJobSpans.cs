using System.Diagnostics;
using Cuboid.Generation;
using Cuboid.Generation.Jobs;

namespace Cuboid.Diagnostics;

/// <summary>
/// Spans of a video-generation job's steps: <c>video submit</c>, <c>video poll</c> (the whole wait) and
/// <c>video download</c>, tagged with the host, the model, the job id and the state the step left it in; every saved
/// state change is an event (<c>cuboid.job.state</c>) on the step's span.
/// </summary>
internal static class VideoJobSpans
{
    public const string StateEvent = "cuboid.job.state";
    private const string Prefix = "video ";

    public static Activity? Start(string step, string host, string model, string? jobId = null)
    {
        var span = CuboidDiagnostics.ActivitySource.StartActivity(Prefix + step, ActivityKind.Client);
        span?.SetTag(TelemetryTags.OperationName, "generate_video")
            .SetTag(TelemetryTags.ProviderName, host)
            .SetTag(TelemetryTags.RequestModel, model)
            .SetTag(TelemetryTags.JobId, jobId);
        return span;
    }

    /// <summary>Notes a saved job on the current step's span: its id, and its state when that changed.</summary>
    public static void Saved(VideoJob job)
    {
        if (Activity.Current is not { } span || span.Source != CuboidDiagnostics.ActivitySource || !span.OperationName.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return;
        }

        var state = job.State.ToString();
        if (!string.Equals(span.GetTagItem(TelemetryTags.JobState) as string, state, StringComparison.Ordinal))
        {
            span.AddEvent(new ActivityEvent(StateEvent, tags: new ActivityTagsCollection { [TelemetryTags.JobState] = state }));
        }

        span.SetTag(TelemetryTags.JobId, job.Id).SetTag(TelemetryTags.JobState, state);
        if (job.State is VideoJobState.Failed or VideoJobState.Unknown or VideoJobState.Expired or VideoJobState.Aborted)
        {
            span.SetStatus(ActivityStatusCode.Error, job.Error);
        }
    }
}
