using Cuboid.Understanding.Reports;

namespace Cuboid.Understanding;

/// <summary>The video side of the media engine, as the analysis needs it.</summary>
public interface IVideoAnalysisSource
{
    /// <summary>Probes the file; bad inputs throw <see cref="CuboidException"/> of kind Input.</summary>
    Task<VideoFacts> ProbeAsync(string videoPath, CancellationToken cancellationToken);

    /// <summary>
    /// Runs one decode pass and yields each sample as soon as it is chosen, with its caption-resolution JPEG
    /// already written into <paramref name="framesDirectory"/>; with no folder (a plan) nothing is exported and
    /// <see cref="PlannedFrame.FramePath"/> is empty. When the stream ends, <paramref name="outcome"/>
    /// holds the scenes and motion profile. <paramref name="decoded"/> reports seconds of video decoded.
    /// </summary>
    IAsyncEnumerable<PlannedFrame> SampleAsync(string videoPath, SamplingSettings settings, string? framesDirectory, PassOutcome outcome, Action<double>? decoded, CancellationToken cancellationToken);
}
