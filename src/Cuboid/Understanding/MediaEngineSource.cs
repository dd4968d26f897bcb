using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Cuboid.Media;
using Cuboid.Media.Analysis;
using Cuboid.Media.Audio;
using Cuboid.Media.Probe;
using Cuboid.Media.Sampling;
using Cuboid.Media.Scenes;
using Cuboid.Understanding.Reports;

namespace Cuboid.Understanding;

/// <summary>
/// The media engine (<c>Cuboid.Media</c>) behind the analysis's seams: <see cref="VideoProbe"/> for the
/// facts, one <see cref="AnalysisPass"/> for samples (streamed, JPEGs exported by the same decode), scenes
/// and motion, and <see cref="AudioExtractor"/> for 16 kHz mono WAV and speech activity.
/// </summary>
public sealed class MediaEngineSource : IVideoAnalysisSource, IAudioSource, IAudioPieceSource
{
    // One analysis probes its file for the facts, the pass and the audio: ffprobe runs once for the three.
    private readonly ProbeMemo _probes = new();

    // Activity found while extracting a WAV, handed out by SpeechAsync for that file.
    private readonly ConcurrentDictionary<string, IReadOnlyList<TimeRange>> _activity = new(StringComparer.Ordinal);

    /// <summary>The engine over the ffmpeg and ffprobe found on PATH (or named by <c>CUBOID_FFMPEG</c>/<c>CUBOID_FFPROBE</c>).</summary>
    public static MediaEngineSource Instance { get; } = new();

    /// <summary>The ffmpeg and ffprobe to run.</summary>
    public MediaTools Tools { get; init; } = MediaTools.Default;

    /// <inheritdoc/>
    public async Task<VideoFacts> ProbeAsync(string videoPath, CancellationToken cancellationToken) =>
        Facts(await _probes.ProbeAsync(videoPath, Tools, cancellationToken).ConfigureAwait(false));

    /// <summary>The report's facts about a probed video (name, duration, size, frame rate, codecs).</summary>
    public static VideoFacts Facts(VideoInfo info)
    {
        var video = info.RequireVideo();
        var audio = info.AudioStreams.FirstOrDefault();
        return new VideoFacts(info.Duration.TotalSeconds, video.DisplayWidth, video.DisplayHeight, Math.Round(video.FramesPerSecond, 3), video.Codec, info.HasAudio, audio?.Codec, info.Container);
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<PlannedFrame> SampleAsync(string videoPath, SamplingSettings settings, string? framesDirectory, PassOutcome outcome, Action<double>? decoded, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var probed = await _probes.ProbeAsync(videoPath, Tools, cancellationToken).ConfigureAwait(false);
        var motion = new SampleMotion();
        var options = new AnalysisOptions
        {
            Probed = probed,
            Consumers = [new MotionEnergyMeter(onSlab: motion.Add)],
            SampleInterval = TimeSpan.FromSeconds(settings.EverySeconds),
            SampleAfterCuts = settings.DetectScenes,
            ExportDirectory = framesDirectory,
            ExportLongSide = settings.CaptionLongSide,
            Tools = Tools,
            Progress = decoded is null ? null : new InlineProgress(p => decoded(p.Seconds)),
        };
        var run = AnalysisPass.Start(videoPath, options, cancellationToken);
        _ = run.Completion.ContinueWith(_ => motion.Complete(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        await foreach (var sample in run.ReadSamplesAsync(cancellationToken).ConfigureAwait(false))
        {
            var reason = sample.Reason switch
            {
                SampleReason.FirstFrame => SampleReasons.First,
                SampleReason.AfterCut => SampleReasons.Cut,
                _ => SampleReasons.Interval,
            };
            var image = framesDirectory is null ? string.Empty : sample.ImagePath ?? throw new InvalidOperationException("the analysis pass exported no frame");
            yield return new PlannedFrame(sample.Time, reason, image, await motion.TakeAsync(sample.Time, cancellationToken).ConfigureAwait(false), sample.Signature.DifferenceHash);
        }

        var result = await run.Completion.ConfigureAwait(false);
        outcome.Scenes = Scenes(result);
        outcome.MotionProfile = [.. result.MotionProfile.Select(p => new MotionPoint(p.Start, Math.Round(p.ActiveCuboids, 4)))];
        var warnings = new List<string>();
        if (result.Truncation is { } truncation)
        {
            warnings.Add(truncation.Warning(videoPath));
            outcome.Truncated = new TruncationFacts(Math.Round(truncation.DecodableLength.TotalSeconds, 6), Math.Round(truncation.ExpectedLength.TotalSeconds, 6));
        }

        if (result.DecodeWarning is { } warning)
        {
            warnings.Add($"The video has {warning}");
        }

        outcome.Warnings = warnings;
        if (settings.DetectScenes)
        {
            // The pass names a frame that is both an interval tick and a cut's first frame once, as an interval.
            var shotStarts = result.Cuts.Select(c => c.ShotStartFrame).ToHashSet();
            outcome.CutSampleTimes = result.Samples.Where(s => shotStarts.Contains(s.FrameIndex)).Select(s => s.Time).ToHashSet();
        }
    }

    /// <inheritdoc/>
    public async Task<bool> ExtractAsync(string videoPath, TimeRange? range, string wavPath, CancellationToken cancellationToken)
    {
        var audioRange = range is null ? AudioRange.Whole : new AudioRange(TimeSpan.FromSeconds(range.Start), TimeSpan.FromSeconds(range.End));
        var probed = await _probes.ProbeAsync(videoPath, Tools, cancellationToken).ConfigureAwait(false);
        var extraction = await AudioExtractor.ExtractProbedAsync(videoPath, probed, wavPath, audioRange, activity: null, Tools, cancellationToken).ConfigureAwait(false);
        if (extraction.HasAudio)
        {
            _activity[Path.GetFullPath(wavPath)] = [.. extraction.Activity.Select(a => new TimeRange(a.Start.TotalSeconds, a.End.TotalSeconds))];
        }

        return extraction.HasAudio;
    }

    /// <inheritdoc/>
    Task IAudioPieceSource.CutAsync(string wholeWavPath, TimeRange range, string wavPath, CancellationToken cancellationToken) =>
        IAudioPieceSource.CutFromWavAsync(wholeWavPath, range, wavPath, cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<TimeRange>> SpeechAsync(string wavPath, CancellationToken cancellationToken) =>
        Task.FromResult(_activity.TryRemove(Path.GetFullPath(wavPath), out var activity) ? activity : (IReadOnlyList<TimeRange>)[]);

    private static IReadOnlyList<ReportScene> Scenes(AnalysisResult result) =>
        [.. SceneList.FromCuts(result).Select(s => new ReportScene(s.Index, s.Start, s.End, s.StartKind))];

    // Progress<T> would post to a synchronization context; the analysis wants the report where it happens.
    private sealed class InlineProgress(Action<Media.Analysis.DecodeProgress> report) : IProgress<Media.Analysis.DecodeProgress>
    {
        public void Report(Media.Analysis.DecodeProgress value) => report(value);
    }
}
