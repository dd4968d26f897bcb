using System.Buffers;
using System.Threading.Channels;
using Cuboid.Media.Frames;
using Cuboid.Media.Probe;
using Cuboid.Media.Sampling;
using Cuboid.Media.Scenes;

namespace Cuboid.Media.Analysis;

/// <summary>
/// The one analysis pass: a single ffmpeg decode at a small analysis resolution, streamed as raw planar RGB frames into
/// pooled buffers, each frame stamped with its exact presentation time, and fed to the interval sampler, the scene
/// detector, the cuboid motion meter, the per-frame statistics and any extra <see cref="IFrameConsumer"/>. With an
/// export folder, the chosen frames are also written as caption-resolution JPEGs by the same decode. Memory is bounded:
/// a fixed history of small frames plus one record per sample, cut and profile bucket.
/// </summary>
public static class AnalysisPass
{
    /// <summary>Starts the pass; read samples from the returned run while it works.</summary>
    public static AnalysisRun Start(string path, AnalysisOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new AnalysisOptions();
        options.Validate();
        var channel = Channel.CreateUnbounded<AnalysisSample>(new UnboundedChannelOptions { SingleWriter = true });
        // The pass blocks one pool thread on ffmpeg's stdout for its whole length (see DecoderProcess for why).
        var completion = Task.Run(
            async () =>
            {
                try
                {
                    var result = await RunCoreAsync(path, options, channel.Writer, cancellationToken).ConfigureAwait(false);
                    channel.Writer.TryComplete();
                    return result;
                }
                catch (Exception ex)
                {
                    channel.Writer.TryComplete(ex);
                    throw;
                }
            },
            CancellationToken.None);
        return new AnalysisRun(channel.Reader, completion);
    }

    /// <summary>Runs the pass to the end and returns its result.</summary>
    public static Task<AnalysisResult> RunAsync(string path, AnalysisOptions? options = null, CancellationToken cancellationToken = default) =>
        Start(path, options, cancellationToken).Completion;

    private static async Task<AnalysisResult> RunCoreAsync(string path, AnalysisOptions options, ChannelWriter<AnalysisSample> writer, CancellationToken cancellationToken)
    {
        var started = options.TimeProvider.GetTimestamp();
        var info = options.Probed ?? await VideoProbe.ProbeAsync(path, options.Tools, cancellationToken).ConfigureAwait(false);
        var video = info.RequireVideo();
        var analysisSize = FrameSize.Fit(video.DisplayWidth, video.DisplayHeight, options.AnalysisLongSide);
        // The same size `cuboid frames` gives (never larger than the source), so both exports agree.
        var exportFit = ImageSize.Fit(video.DisplayWidth, video.DisplayHeight, options.ExportLongSide);
        var exportSize = new FrameSize(exportFit.Width, exportFit.Height);
        var sourceLongSide = Math.Max(video.DisplayWidth, video.DisplayHeight);

        string? exportDirectory = null, candidateDirectory = null;
        if (options.ExportDirectory is { } requested)
        {
            exportDirectory = Path.GetFullPath(requested);
            Directory.CreateDirectory(exportDirectory);
            candidateDirectory = Path.Combine(exportDirectory, ".cuboid-candidates-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(candidateDirectory);
        }

        try
        {
            return await DecodeAsync(info, options, writer, analysisSize, exportSize, sourceLongSide, exportDirectory, candidateDirectory, started, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (candidateDirectory is not null)
            {
                try
                {
                    Directory.Delete(candidateDirectory, recursive: true);
                }
                catch (IOException)
                {
                    // Best effort: a leftover candidate folder is harmless.
                }
            }
        }
    }

    private static async Task<AnalysisResult> DecodeAsync(
        VideoInfo info,
        AnalysisOptions options,
        ChannelWriter<AnalysisSample> writer,
        FrameSize analysisSize,
        FrameSize exportSize,
        int sourceLongSide,
        string? exportDirectory,
        string? candidateDirectory,
        long started,
        CancellationToken cancellationToken)
    {
        var log = new ShowinfoLog();
        var args = AnalysisCommandLine.Build(
            info.Path,
            analysisSize,
            sourceLongSide,
            options,
            exportDirectory is null ? null : exportSize,
            candidateDirectory is null ? null : CandidatePattern(candidateDirectory));

        var frame = new AnalysisFrame(analysisSize.Width, analysisSize.Height);
        var collector = new SampleCollector(writer, options, info.Path, exportDirectory, candidateDirectory, exportSize, log);
        await using var collectorDisposal = collector.ConfigureAwait(false);
        var profile = new MotionProfileBuilder(options.ProfileBucket.TotalSeconds, options.Scenes.FadeThreshold);
        var sampler = options.SampleInterval is { } interval ? new IntervalSampler(interval) : null;
        var afterCuts = new List<SceneBoundary>();
        var scenes = new SceneDetector(options.Scenes, boundary =>
        {
            if (boundary.Kind == SceneBoundaryKind.Cut)
            {
                afterCuts.Add(boundary);
            }
        });
        var energy = new MotionEnergyMeter(onSlab: slab =>
        {
            profile.OnSlab(slab);
            collector.OnSlab(slab);
            options.SlabObserver?.Invoke(slab);
        });

        var frameBytes = frame.RgbByteCount;
        var buffer = ArrayPool<byte>.Shared.Rent(frameBytes);
        long index = 0;
        var lastTime = double.NaN;
        var frameStep = info.Video!.FramesPerSecond > 0 ? 1 / info.Video.FramesPerSecond : 0.04;
        Truncation? truncation = null;
        try
        {
            using var process = DecoderProcess.Start(options.Tools.FfmpegPath, args, log.OnLine);
            var cancelRegistration = cancellationToken.Register(process.Kill);
            await using var cancelRegistrationDisposal = cancelRegistration.ConfigureAwait(false);
            var exited = process.WaitForExitAsync(CancellationToken.None)
                .ContinueWith(_ => log.AnalysisStamps.Writer.TryComplete(), TaskScheduler.Default);
            var output = process.Output;
            while (true)
            {
                // Blocking reads: an async hop per frame costs more CPU than the frame's analysis.
                var read = output.ReadAtLeast(buffer.AsSpan(0, frameBytes), frameBytes, throwOnEndOfStream: false);
                cancellationToken.ThrowIfCancellationRequested();
                if (read < frameBytes)
                {
                    break;
                }

                FrameStamp stamp;
                try
                {
                    if (!log.AnalysisStamps.Reader.TryRead(out stamp))
                    {
                        stamp = await log.AnalysisStamps.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                    }
                }
                catch (ChannelClosedException)
                {
                    throw CuboidException.Input(CuboidErrorCodes.InputDecodeFailed, CuboidParameters.Input, $"{info.Path}: ffmpeg stopped reporting frame times ({Last(log)})");
                }

                var time = stamp.Pts == long.MinValue || double.IsNaN(stamp.Time)
                    ? (double.IsNaN(lastTime) ? 0 : lastTime + frameStep)
                    : stamp.Time;
                lastTime = time;

                frame.Load(buffer, index, time);
                profile.OnFrame(frame.Stats);
                collector.OnFrame(index, stamp.Pts, time);
                energy.OnFrame(frame);
                scenes.OnFrame(frame);
                if (sampler?.Take(time) is { } reason)
                {
                    collector.Choose(frame, index, reason);
                }
                else if (index == 0)
                {
                    collector.Choose(frame, index, SampleReason.FirstFrame);
                }

                ChooseAfterCuts(frame, collector, afterCuts, options);
                foreach (var consumer in options.Consumers)
                {
                    consumer.OnFrame(frame);
                }

                if (options.Progress is { } progress && index % 25 == 0)
                {
                    progress.Report(new DecodeProgress(index + 1, time, info.Duration.TotalSeconds));
                }

                index++;
            }

            var exitCode = await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            await exited.ConfigureAwait(false);
            if (exitCode != 0 && candidateDirectory is not null && OutputProblem(log) is { } problem)
            {
                throw CuboidException.Input(CuboidErrorCodes.OutputUnwritable, CuboidParameters.OutputDirectory, $"{exportDirectory}: could not write frames there ({problem}); check the output folder's free space and permissions, or pick another {CuboidParameters.OutputDirectory}");
            }

            if (exitCode != 0 && index == 0)
            {
                throw MediaInput.Unreadable(info.Path, log.Tail);
            }

            if (exitCode != 0)
            {
                throw CuboidException.Input(CuboidErrorCodes.InputDecodeFailed, CuboidParameters.Input, $"{info.Path}: decoding failed after {index} frames: {Last(log)}");
            }

            if (index == 0)
            {
                throw CuboidException.Input(CuboidErrorCodes.InputDecodeFailed, CuboidParameters.Input, $"{info.Path}: no video frames could be decoded ({Last(log)})");
            }

            truncation = await TruncationCheck.AfterDecodeAsync(
                info, TimeSpan.FromSeconds(lastTime + frameStep), log.MissingData, options.Tools, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        energy.OnCompleted();
        scenes.OnCompleted();
        ChooseAfterCuts(frame, collector, afterCuts, options);
        foreach (var consumer in options.Consumers)
        {
            consumer.OnCompleted();
        }

        await collector.CompleteAsync(cancellationToken).ConfigureAwait(false);
        options.Progress?.Report(new DecodeProgress(index, lastTime, info.Duration.TotalSeconds));
        var (motionProfile, summary) = profile.Build();
        var firstTime = collector.Samples.Count > 0 ? collector.Samples.Min(s => s.Time) : 0;
        return new AnalysisResult(
            info.Path,
            analysisSize.Width,
            analysisSize.Height,
            index,
            firstTime,
            lastTime,
            info.Duration.TotalSeconds,
            [.. collector.Samples.OrderBy(s => s.Time)],
            [.. scenes.Boundaries.OrderBy(b => b.Time).ThenBy(b => b.Kind)],
            motionProfile,
            summary,
            collector.Fallbacks,
            collector.Candidates,
            log.DecodeErrors,
            log.FirstDecodeError,
            options.TimeProvider.GetElapsedTime(started))
        {
            ExportFallbackRuns = collector.FallbackRuns,
            Truncation = truncation,
        };
    }

    private static void ChooseAfterCuts(AnalysisFrame frame, SampleCollector collector, List<SceneBoundary> cuts, AnalysisOptions options)
    {
        if (cuts.Count == 0)
        {
            return;
        }

        if (options.SampleAfterCuts)
        {
            foreach (var cut in cuts)
            {
                collector.Choose(frame, cut.ShotStartFrame, SampleReason.AfterCut);
            }
        }

        cuts.Clear();
    }

    /// <summary>ffmpeg's image2 pattern for the candidate JPEGs: a literal <c>%</c> in the folder must be doubled, or
    /// the muxer reads it as part of the sequence pattern.</summary>
    internal static string CandidatePattern(string candidateDirectory) =>
        Path.Combine(candidateDirectory.Replace("%", "%%", StringComparison.Ordinal), "c%08d.jpg");

    // ffmpeg failed on the export output (the image2 muxer or the file system), not on the input.
    private static string? OutputProblem(ShowinfoLog log) =>
        log.Tail.LastOrDefault(l => l.Contains("[image2 @", StringComparison.Ordinal)
            || l.Contains("Could not open file", StringComparison.Ordinal)
            || l.Contains("Error opening output", StringComparison.Ordinal)
            || l.Contains("No space left", StringComparison.Ordinal)
            || l.Contains("Permission denied", StringComparison.Ordinal)
            || l.Contains("av_interleaved_write_frame", StringComparison.Ordinal))?.Trim();

    private static string Last(ShowinfoLog log) =>
        log.Tail.LastOrDefault(l => !string.IsNullOrWhiteSpace(l))?.Trim() ?? "no details";
}
