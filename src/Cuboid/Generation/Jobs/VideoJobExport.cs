using System.Text.Json;
using Cuboid.Portfolio;

namespace Cuboid.Generation.Jobs;

/// <summary>
/// Copies a finished job's outputs out of the store as <c>{job id}.mp4</c> (<c>{job id}-N.mp4</c> for more than one)
/// with a JSON sidecar <c>{job id}.json</c>: the request, model, host, state, cost, probe facts and warnings, never a key.
/// Each file is written beside its target and moved into place, so a failure leaves no half-written output.
/// </summary>
internal static class VideoJobExport
{
    public static IReadOnlyList<string> Save(VideoJob job, string directory)
    {
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        foreach (var output in job.Outputs)
        {
            var target = Path.Combine(directory, job.Outputs.Count == 1 ? $"{job.Id}.mp4" : $"{job.Id}-{output.Index}.mp4");
            var temp = target + ".partial";
            File.Copy(output.Path, temp, overwrite: true);
            File.Move(temp, target, overwrite: true);
            written.Add(target);
        }

        var sidecar = Path.Combine(directory, $"{job.Id}.json");
        PortfolioJson.WriteAtomically(sidecar, job);
        written.Add(sidecar);
        return written;
    }

    /// <summary>The job as the CLI's <c>--json</c> and the sidecar write it.</summary>
    public static string Json(VideoJob job) => JsonSerializer.Serialize(job, PortfolioJson.Output);
}
