using System.Globalization;
using System.Text.Json.Nodes;
using Cuboid.Server.Batches;
using Hangfire.Storage.Monitoring;

namespace Cuboid.Server.Jobs;

/// <summary>A step a worker is running now, as <c>GET /v1/workers</c> shows it: the job, the step's name, the item it works on, since when.</summary>
public static class RunningStep
{
    public static JsonObject Describe(string jobId, ProcessingJobDto job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var method = job.Job?.Method.Name ?? "unknown";
        var arguments = job.Job?.Args ?? [];
        return new JsonObject
        {
            ["job"] = jobId,
            ["step"] = Step(method, arguments),
            ["item"] = arguments is [string item, ..] ? item : null,
            ["started_at"] = job.StartedAt is { } started ? new DateTimeOffset(DateTime.SpecifyKind(started, DateTimeKind.Utc)).ToUnixTimeSeconds() : null,
        };
    }

    /// <summary>The step row's name for an analysis step (<c>caption-003</c>), else the method's name without <c>Async</c>.</summary>
    private static string Step(string method, IReadOnlyList<object?> arguments) => method switch
    {
        nameof(AnalysisSteps.PrepareAsync) => StepNames.Prepare,
        nameof(AnalysisSteps.TranscribeAsync) => StepNames.Transcribe,
        nameof(AnalysisSteps.FinishAsync) => StepNames.Finish,
        nameof(AnalysisSteps.CaptionAsync) when arguments is [_, int batch, ..] => StepNames.Caption(batch),
        _ => (method.EndsWith("Async", StringComparison.Ordinal) ? method[..^5] : method).ToLower(CultureInfo.InvariantCulture),
    };
}
