using System.Runtime.CompilerServices;
using System.Text.Json;
using Cuboid.Diagnostics;
using Cuboid.Portfolio;
using Cuboid.Understanding.Reports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cuboid.Understanding;

/// <summary>
/// <c>cuboid analyze</c>: one decode pass streams samples to the captioner while the audio is transcribed
/// alongside; the reasoner then writes summary and chapters from the timestamped timeline. The report is returned,
/// and kept by the sink (<see cref="IAnalysisSink"/>: files, cache and run record, or nothing). Without models (offline)
/// the same run makes the structural report only. A stage stopped by the budget, by failing providers or by a client's
/// transport failure (<see cref="StageFailure"/>) still yields a partial report. Each run is an <c>analyze</c>
/// span with one child span per stage (probe, decode, caption, transcribe, synthesize, report; <see cref="StageSpan"/>).
/// </summary>
public sealed class VideoAnalyzer(IVideoAnalysisSource media, IAudioSource audio, TimeProvider? time = null, ILogger<VideoAnalyzer>? logger = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ILogger _log = logger ?? NullLogger<VideoAnalyzer>.Instance;

    /// <summary>Near-duplicate thresholds (defaults suit slides and screen recordings).</summary>
    internal NearDuplicateFilter NewFilter() => new();

    /// <summary>
    /// Analyzes with any Microsoft.Extensions.AI clients (no router, no catalog): each answer's model is its response's
    /// <c>ModelId</c>, usage is counted from the responses, and <paramref name="sink"/> (default: keep nothing) decides
    /// what is written.
    /// </summary>
    public Task<AnalysisOutcome> AnalyzeAsync(AnalyzeRequest request, AnalysisClients clients, IAnalysisSink? sink = null, Action<AnalysisProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clients);
        return AnalyzeAsync(request, new ClientAnalysisModels(clients), sink, progress, cancellationToken);
    }

    /// <summary>Analyzes with <paramref name="models"/> (null: offline); the portfolio's router is one such set of models.</summary>
    public async Task<AnalysisOutcome> AnalyzeAsync(AnalyzeRequest request, IAnalysisModels? models, IAnalysisSink? sink, Action<AnalysisProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        request.Validate();
        sink ??= NullAnalysisSink.Instance;
        var cache = sink.Cache;
        using var analysisSpan = CuboidDiagnostics.ActivitySource.StartActivity("analyze"); // [telemetry]
        VideoFacts video;
        using (var probe = StageSpan.Start("probe", _log, _time))
        {
            video = await media.ProbeAsync(request.VideoPath, cancellationToken).ConfigureAwait(false);
            probe.End();
        }

        var offline = request.Offline || models is null || (models.Captioner is null && models.Transcriber is null && models.Reasoner is null);
        decimal Spent() => models?.Usage().Sum(u => u.Dollars) ?? 0m;
        decimal SpentOn(string task) => models?.Usage().Where(u => u.Stage == task).Sum(u => u.Dollars) ?? 0m;

        // The output folder is checked (and staged) before anything is reported, so a bad --out prints only its error.
        using var workspace = sink.Open(request);

        // Stages that will not run say so once, rather than showing bars that never move.
        var skipped = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (stage, present) in new[] { ("caption", models?.Captioner is not null), ("transcribe", models?.Transcriber is not null), ("synthesize", models?.Reasoner is not null) })
        {
            if (offline || !present)
            {
                skipped[stage] = request.Offline ? "offline" : offline ? "no provider configured" : "no model";
                progress?.Invoke(new AnalysisProgress(stage, 0, null, 0, Finished: true, Skipped: skipped[stage]));
            }
        }

        void Report(string stage, double done, double? total, bool finished = false, int duplicates = 0)
        {
            if (!skipped.ContainsKey(stage))
            {
                var task = stage == "synthesize" ? AnalysisTasks.Reason : stage;
                progress?.Invoke(new AnalysisProgress(stage, done, total, offline ? 0 : Spent(), finished)
                {
                    StageDollars = offline || stage == "decode" ? 0 : SpentOn(task),
                    Duplicates = duplicates,
                });
            }
        }

        var framesDirectory = Path.Combine(workspace.Directory, ReportWriter.FramesFolder);
        var work = Path.Combine(workspace.Directory, ".work");
        Directory.CreateDirectory(framesDirectory);
        Directory.CreateDirectory(work);

        // Transcription runs alongside the decode pass and the captions.
        var transcribe = new TranscribeStage(audio, offline ? null : models!.Transcriber, cache, offline ? [] : Ids(models!, AnalysisTasks.Transcribe), request.Language, _time)
        {
            Progress = (done, total) => Report("transcribe", done, total, done == total),
        };
        var transcribeTask = Task.Run(async () =>
        {
            using var stage = StageSpan.Start("transcribe", _log, _time);
            var result = await transcribe.RunAsync(request.VideoPath, video.DurationSeconds, work, cancellationToken).ConfigureAwait(false);
            EndStage(stage, skipped.ContainsKey("transcribe"), result.Stop, result.CacheHits, result.Pieces);
            return result;
        }, cancellationToken);

        var pass = new PassOutcome();
        // The pass reports about once per second of video; a bar needs no more than 200 steps.
        var lastDecoded = double.NegativeInfinity;
        void Decoded(double seconds)
        {
            if (seconds - lastDecoded >= video.DurationSeconds / 200)
            {
                lastDecoded = seconds;
                Report("decode", Math.Min(seconds, video.DurationSeconds), video.DurationSeconds);
            }
        }

        // The decode is done when the pass's stream ends, not when the last caption comes back.
        using var decode = StageSpan.Start("decode", _log, _time, detached: true);
        var frames = ThenAsync(media.SampleAsync(request.VideoPath, request.Sampling, framesDirectory, pass, Decoded, cancellationToken),
            () =>
            {
                decode.End();
                Report("decode", video.DurationSeconds, video.DurationSeconds, finished: true);
            }, cancellationToken);
        var filter = NewFilter();
        var stageFilter = filter;

        // The caption count's denominator is the plan (one sample per interval, fewer under --max-frames); it only grows
        // when cuts add samples, and near-duplicates count as done, so it never shrinks as they are skipped.
        var planned = (int)Math.Ceiling(video.DurationSeconds / request.Sampling.EverySeconds);
        if (request.MaxFrames is { } max)
        {
            // Near-duplicates go first, then the cap spreads what is left.
            planned = Math.Min(max, planned);
            frames = Capped(frames, pass, filter, max, chosen => planned = chosen, cancellationToken);
            stageFilter = new NearDuplicateFilter(maxHashDistance: -1);
        }

        var captionProgress = new Lock();
        var captions = new CaptionStage(offline ? null : models!.Captioner, cache, offline ? [] : Ids(models!, AnalysisTasks.Caption), request.Focus, request.Concurrency, _time)
        {
            // Captions finish on several threads: one at a time, so counts never go backwards.
            Progress = (done, kept) =>
            {
                lock (captionProgress)
                {
                    var duplicates = stageFilter.Skipped;
                    planned = Math.Max(planned, kept + duplicates);
                    Report("caption", done + duplicates, planned, duplicates: duplicates);
                }
            },
        };
        CaptionStageResult captioned;
        try
        {
            using var stage = StageSpan.Start("caption", _log, _time);
            captioned = await captions.RunAsync(frames, stageFilter, workspace.Directory, cancellationToken).ConfigureAwait(false);
            EndStage(stage, skipped.ContainsKey("caption"), captioned.Stop, captioned.CacheHits, captioned.Samples.Count);
        }
        catch
        {
            await Observe(transcribeTask).ConfigureAwait(false);
            throw;
        }

        var processed = captioned.Samples.Count + stageFilter.Skipped;
        Report("caption", captioned.Samples.Count(s => s.Caption is not null) + stageFilter.Skipped, processed, finished: true, duplicates: stageFilter.Skipped);
        var warnings = new List<string>(pass.Warnings);
        TranscribeStageResult heard;
        try
        {
            heard = await transcribeTask.ConfigureAwait(false);
        }
        catch (CuboidException ex) when (ex.Kind == ErrorKind.Input)
        {
            // A damaged audio track should not cost the pictures: report it and go on without a transcript.
            warnings.Add($"The audio could not be read, so there is no transcript: {ex.Message}");
            heard = TranscribeStageResult.None;
        }

        warnings.AddRange(heard.Warnings);
        var stop = captioned.Stop ?? heard.Stop;

        // A truncated file's chapters end where its data does, not where its header says.
        var covered = pass.Truncated?.DecodableSeconds ?? video.DurationSeconds;

        SynthesisResult? synthesis = null;
        var synthesisCached = false;
        if (!offline && stop is null && models!.Reasoner is { } reasoner)
        {
            var timeline = Timeline.Build(captioned.Samples, heard.Segments);
            if (timeline.Count > 0)
            {
                using var stage = StageSpan.Start("synthesize", _log, _time);
                Report("synthesize", 0, 1);
                var context = models.Candidates(AnalysisTasks.Reason).FirstOrDefault()?.ContextWindow ?? CostEstimator.DefaultContextWindow;
                var key = Synthesizer.CacheKey(timeline, covered, request.Focus);
                var reasonModels = Ids(models, AnalysisTasks.Reason);
                try
                {
                    if (cache?.FindSynthesis(key, reasonModels) is { } cached)
                    {
                        synthesis = JsonSerializer.Deserialize<SynthesisResult>(cached, ReportJson.Options);
                        synthesisCached = synthesis is not null;
                    }
                    else
                    {
                        var synthesizer = new Synthesizer(reasoner, context);
                        synthesis = await synthesizer.SynthesizeAsync(timeline, covered, request.Focus, cancellationToken).ConfigureAwait(false);
                        cache?.PutSynthesis(key, synthesizer.Model ?? reasonModels.FirstOrDefault() ?? "unknown", JsonSerializer.Serialize(synthesis, ReportJson.Options), _time.GetUtcNow());
                    }
                }
                catch (Exception ex) when (StageFailure.Stop(ex, "synthesis", cancellationToken) is { } failure)
                {
                    stop = failure;
                }

                EndStage(stage, false, stop, synthesisCached ? 1 : 0, 1);
                Report("synthesize", 1, 1, finished: true);
            }
        }

        if (!offline && models!.Captioner is null)
        {
            warnings.Add($"No caption model is configured: frames were not captioned{ToAdd(models, AnalysisTasks.Caption)}.");
        }

        if (!offline && models!.Transcriber is null && video.HasAudio)
        {
            warnings.Add($"No transcription model is configured: the speech was not transcribed{ToAdd(models, AnalysisTasks.Transcribe)}.");
        }

        if (!offline && models!.Reasoner is null)
        {
            warnings.Add($"No reasoning model is configured: no summary or chapters{ToAdd(models, AnalysisTasks.Reason)}.");
        }

        if (stop is not null)
        {
            warnings.Add($"Stopped early: {stop.Message}");
        }

        var usage = offline ? UsageReport.Empty
            : CacheAccounting.Apply(new UsageReport(models!.Usage()), captioned, heard, synthesisCached, cache, request.VideoPath);
        var captionUsage = usage.Stages.FirstOrDefault(s => s.Stage == AnalysisTasks.Caption);
        var perCaption = captionUsage is { Calls: > 0 } ? captionUsage.Dollars / captionUsage.Calls
            : offline ? 0m : CostEstimator.PerCaption(models!.Candidates(AnalysisTasks.Caption).FirstOrDefault(), request.Focus);
        var report = new AnalysisReport
        {
            Source = Path.GetFileName(request.VideoPath),
            Mode = offline ? "offline" : stop is not null ? "partial" : "full",
            CreatedAt = _time.GetUtcNow(),
            About = offline ? StructuralReport.Note + " " + StructuralReport.HowToAddProvider : null,
            Video = video,
            Truncated = pass.Truncated,
            Samples = [.. captioned.Samples.Select(pass.Relabel)],
            Transcript = heard.Segments,
            Scenes = pass.Scenes,
            MotionProfile = pass.MotionProfile,
            SpeechActivity = heard.Speech,
            Summary = synthesis?.Summary,
            Chapters = synthesis?.Chapters ?? [],
            KeyMoments = synthesis?.KeyMoments ?? [],
            Topics = synthesis?.Topics ?? [],
            Duplicates = new DuplicateSavings(filter.Skipped, Math.Round(perCaption * filter.Skipped, 6)),
            Usage = usage,
            NativeVideoComparison = NativeVideoRates.Compare(models?.NativeVideoRates() ?? NativeVideoRates.Default, video.DurationSeconds, video.HasAudio),
            Warnings = warnings,
        };

        Directory.Delete(work, recursive: true);
        string? kept;
        using (var writing = StageSpan.Start("report", _log, _time))
        {
            kept = await workspace.KeepAsync(report, cancellationToken).ConfigureAwait(false);
            writing.End();
        }

        return new AnalysisOutcome(report, kept, stop) { Formats = request.Formats };
    }

    /// <summary>
    /// The plan and its price (<c>--dry-run</c>): the decode pass runs, no model is called, nothing is written. A stage
    /// no configured model serves is priced on <paramref name="defaults"/> (the shipped defaults), marked not configured, left
    /// out of the total, and given the variables that would add it (from <paramref name="models"/>, which may have no usable model).
    /// </summary>
    public async Task<DryRunPlan> PlanAsync(AnalyzeRequest request, IAnalysisModels? models, IAnalysisModels? defaults, CancellationToken cancellationToken = default)
    {
        request.Validate();
        var video = await media.ProbeAsync(request.VideoPath, cancellationToken).ConfigureAwait(false);
        // A plan needs the samples, their hashes and the cuts, not the JPEGs: the pass exports nothing.
        var filter = NewFilter();
        var pass = new PassOutcome();
        var frames = media.SampleAsync(request.VideoPath, request.Sampling, null, pass, null, cancellationToken);
        frames = Capped(frames, pass, filter, request.MaxFrames ?? int.MaxValue, null, cancellationToken);
        var kept = new List<PlannedFrame>();
        await foreach (var frame in frames.WithCancellation(cancellationToken))
        {
            kept.Add(frame);
        }

        var byReason = kept.GroupBy(f => f.Reason).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        // A truncated file is priced, like it is run, only as far as it decodes.
        var seconds = pass.Truncated?.DecodableSeconds ?? video.DurationSeconds;
        var offline = request.Offline || models is null;
        ModelQuote? Configured(string task, long? promptTokens = null) => offline ? null : models!.Candidates(task, promptTokens).FirstOrDefault();
        ModelQuote? First(string task, long? promptTokens = null) => Configured(task, promptTokens) ?? defaults?.Candidates(task, promptTokens).FirstOrDefault();
        string[] tasks = [AnalysisTasks.Caption, AnalysisTasks.Transcribe, AnalysisTasks.Reason];

        // The reasoner is ranked for this video's prompt, as the router will rank the real call: a draft on the typical
        // pick sizes the prompt, then the pick is made for that size.
        var draft = CostEstimator.Estimate(seconds, kept.Count, video.HasAudio, null, null, First(AnalysisTasks.Reason), request.Focus)[2];
        long? reasonPrompt = draft.Calls > 0 ? draft.InputTokens / draft.Calls : null;
        var reasoner = First(AnalysisTasks.Reason, reasonPrompt);
        var stages = CostEstimator.Estimate(seconds, kept.Count, video.HasAudio, First(AnalysisTasks.Caption), First(AnalysisTasks.Transcribe), reasoner, request.Focus)
            .Select((stage, i) => stage.Model is not null && Configured(tasks[i], i == 2 ? reasonPrompt : null) is null
                ? stage with { Configured = false, EnabledBy = models?.VariablesToEnable(tasks[i]) ?? [] }
                : stage)
            .ToList();
        var limit = models?.Budget ?? defaults?.Budget;
        var total = stages.Where(s => s.Configured).Sum(s => s.Dollars);
        return new DryRunPlan(Path.GetFileName(request.VideoPath), video, byReason, kept.Count, filter.Skipped, video.HasAudio ? seconds / 60 : 0, stages,
            NativeVideoRates.Compare(models?.NativeVideoRates() ?? defaults?.NativeVideoRates() ?? NativeVideoRates.Default, seconds, video.HasAudio),
            limit is { } dollars ? new PlanBudget(dollars, total > dollars, stages.Where(s => s.Configured).Sum(s => s.WorstCaseDollars) <= dollars) : null)
        {
            Truncated = pass.Truncated,
            Warnings = pass.Warnings,
        };
    }

    /// <summary>Ends a stage's span and logs its cache hits and why it stopped, if it did.</summary>
    private void EndStage(StageSpan stage, bool skippedStage, CuboidException? stop, int cacheHits, int items)
    {
        if (cacheHits > 0)
        {
            _log.CacheHits(stage.Name, cacheHits, items);
        }

        if (stop is not null)
        {
            _log.StageStopped(stage.Name, stop.Message);
        }

        stage.End(stop is not null ? "stopped" : skippedStage ? "skipped" : "ok", stop?.Message);
    }

    private static string ToAdd(IAnalysisModels models, string task) =>
        models.VariablesToEnable(task) is { Count: > 0 } variables ? $"; set {EnvironmentHint.OneOf(variables)} to add one" : string.Empty;

    private static IReadOnlyList<string> Ids(IAnalysisModels models, string task) => [.. models.Candidates(task).Select(c => c.ModelId)];

    // --max-frames needs the whole plan before choosing, so captions start when the pass ends.
    private static async IAsyncEnumerable<PlannedFrame> Capped(IAsyncEnumerable<PlannedFrame> frames, PassOutcome pass, NearDuplicateFilter filter, int max, Action<int>? chosenCount, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var all = new List<PlannedFrame>();
        await foreach (var frame in frames.WithCancellation(cancellationToken))
        {
            if (filter.Keep(frame))
            {
                all.Add(frame);
            }
            else
            {
                frame.Discard();
            }
        }

        // The stream has ended, so the pass knows which samples sit on a cut.
        all = [.. all.Select(pass.Relabel)];
        var chosen = MaxFramesSelector.Select(all, max);
        chosenCount?.Invoke(chosen.Count);
        foreach (var dropped in all.Except(chosen))
        {
            dropped.Discard();
        }

        foreach (var frame in chosen)
        {
            yield return frame;
        }
    }

    private static async IAsyncEnumerable<PlannedFrame> ThenAsync(IAsyncEnumerable<PlannedFrame> frames, Action ended, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var frame in frames.WithCancellation(cancellationToken))
        {
            yield return frame;
        }

        ended();
    }

    private static async Task Observe(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The first failure is the one reported.
        }
    }
}
