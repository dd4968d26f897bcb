using Cuboid.Media;
using Cuboid.Media.Probe;
using Cuboid.Understanding.Reports;

namespace Cuboid.Understanding;

/// <summary>The media engine (<c>Cuboid.Media</c>: probe, analysis pass, audio) behind the analysis's seams.</summary>
public sealed class MediaEngineSource : IVideoAnalysisSource, IAudioSource
{
    public static MediaEngineSource Instance { get; } = new();

    public MediaTools Tools { get; init; } = MediaTools.Default;

    public async Task<VideoFacts> ProbeAsync(string videoPath, CancellationToken cancellationToken) =>
        Facts(await VideoProbe.ProbeAsync(videoPath, Tools, cancellationToken));

    public static VideoFacts Facts(VideoInfo info)
    {
        var video = info.RequireVideo();
        var audio = info.AudioStreams.FirstOrDefault();
        return new VideoFacts(info.Duration.TotalSeconds, video.DisplayWidth, video.DisplayHeight, Math.Round(video.FramesPerSecond, 3), video.Codec, info.HasAudio, audio?.Codec, info.Container);
    }

    public IAsyncEnumerable<PlannedFrame> SampleAsync(string videoPath, SamplingSettings settings, string framesDirectory, PassOutcome outcome, Action<double>? decoded, CancellationToken cancellationToken) =>
        throw new NotSupportedException("the media engine's analysis pass is not wired in yet");

    public Task<bool> ExtractAsync(string videoPath, TimeRange? range, string wavPath, CancellationToken cancellationToken) =>
        throw new NotSupportedException("the media engine's audio extraction is not wired in yet");

    public Task<IReadOnlyList<TimeRange>> SpeechAsync(string wavPath, CancellationToken cancellationToken) =>
        throw new NotSupportedException("the media engine's audio activity detector is not wired in yet");
}
