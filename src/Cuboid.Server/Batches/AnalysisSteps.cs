using System.Text.Json;
using Cuboid.Portfolio;
using Cuboid.Server.Blobs;
using Cuboid.Server.Gateway;
using Cuboid.Server.Jobs;
using Cuboid.Server.Keys;
using Cuboid.Server.Store;
using Cuboid.Storage;
using Cuboid.Understanding;
using Cuboid.Understanding.Reports;
using Hangfire;
using Hangfire.Server;

namespace Cuboid.Server.Batches;

/// <summary>
/// One video's analysis as short Hangfire steps: <see cref="PrepareAsync"/> (probe and the one decode pass, frames to the
/// blob store), <see cref="CaptionAsync"/> per batch of frames and <see cref="TranscribeAsync"/> (providers, in
/// parallel on any worker), then <see cref="FinishAsync"/> (synthesis and the report over a replay of the first step's pass and the
/// transcribe step's result: no second decode or audio extraction; the cache serves every caption). Each step is idempotent: a step already done returns at once, answers are cached the moment they
/// arrive (a step run again pays only for what the first run did not get), and the step row books its cost once.
/// </summary>
public sealed class AnalysisSteps(IBatchStore store, IBlobStore blobs, StepScheduler scheduler, GatewayModels models, AnalysisGateway analyses,
    IAnalysisCache cache, IGatewayStore gateway, KeyBudgets budgets, StepBooking booking, TimeProvider time, ILogger<AnalysisSteps> logger)
{
    private const int Attempts = 3;
    private static readonly JsonSerializerOptions ManifestJson = new(JsonSerializerDefaults.Web);

    public static string VideoKey(string contentHash) => $"videos/{contentHash}";

    public static string ReportKey(string itemId, string file) => $"items/{itemId}/report/{file}";

    [Queue(StepQueues.Media)]
    [AutomaticRetry(Attempts = Attempts, DelaysInSeconds = [1, 3, 10])]
    public Task PrepareAsync(string itemId, PerformContext? context, CancellationToken cancellationToken) =>
        RunStepAsync(itemId, StepNames.Prepare, context, async (item, batch, scratch) =>
        {
            var video = await VideoAsync(item, scratch, cancellationToken);
            var facts = await MediaEngineSource.Instance.ProbeAsync(video, cancellationToken);
            var framesFolder = Path.Combine(scratch, "frames");
            Directory.CreateDirectory(framesFolder);
            // The same pass and near-duplicate filter as the final step's run, so its frames hash to the cached captions.
            var filter = new NearDuplicateFilter();
            var frames = new List<ManifestFrame>();
            var samples = new List<RecordedSample>();
            var outcome = new PassOutcome();
            await foreach (var frame in MediaEngineSource.Instance.SampleAsync(video, new SamplingSettings(batch.Settings.EverySeconds), framesFolder, outcome, null, cancellationToken))
            {
                if (!filter.Keep(frame))
                {
                    frame.Discard();
                    samples.Add(new RecordedSample(frame.Time, frame.Reason, null, frame.MotionEnergy, frame.Hash));
                    continue;
                }

                var file = Path.GetFileName(frame.FramePath);
                samples.Add(new RecordedSample(frame.Time, frame.Reason, file, frame.MotionEnergy, frame.Hash));
                await using (var jpeg = File.OpenRead(frame.FramePath))
                {
                    await blobs.PutAsync($"items/{item.Id}/frames/{file}", jpeg, cancellationToken);
                }

                frames.Add(new ManifestFrame(frame.Time, frame.Reason, file, frame.MotionEnergy, frame.Hash));
            }

            var manifest = new FrameManifest(facts.DurationSeconds, facts.HasAudio, frames);
            await blobs.PutAsync($"items/{item.Id}/manifest.json", new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(manifest, ManifestJson)), cancellationToken);
            // The whole pass, so the finish step replays it rather than decoding the video a second time.
            await PutJsonAsync(PassKey(item.Id), RecordedPass.From(facts, samples, outcome), cancellationToken);
            var offline = batch.Settings.Offline;
            var steps = offline ? [] : Enumerable.Range(0, manifest.CaptionBatches).Select(StepNames.Caption).Append(StepNames.Transcribe).ToList();
            store.AddSteps(item.Id, steps);
            return (null, () => steps.ForEach(step => scheduler.Queue(item.Id, step)));
        }, cancellationToken);

    [Queue(StepQueues.Providers)]
    [AutomaticRetry(Attempts = Attempts, DelaysInSeconds = [1, 3, 10])]
    public Task CaptionAsync(string itemId, int captionBatch, PerformContext? context, CancellationToken cancellationToken) =>
        RunStepAsync(itemId, StepNames.Caption(captionBatch), context, async (item, batch, scratch) =>
        {
            var manifest = await ManifestAsync(item.Id, cancellationToken);
            var frames = new List<PlannedFrame>();
            foreach (var frame in manifest.Batch(captionBatch))
            {
                var path = await blobs.LocalPathAsync($"items/{item.Id}/frames/{frame.File}", scratch, cancellationToken)
                    ?? throw CuboidException.Input($"frame {frame.File} of {item.Id} is missing from the blob store");
                frames.Add(new PlannedFrame(frame.Time, frame.Reason, path, frame.MotionEnergy, frame.Hash));
            }

            var run = BeginRun(batch);
            var portfolio = new PortfolioAnalysisModels(run);
            var stage = new CaptionStage(portfolio.Captioner, cache, Ids(portfolio, AnalysisTasks.Caption), batch.Settings.Focus, batch.CaptionConcurrency, time);
            // Keep every frame: the first step already dropped the near-duplicates.
            await stage.RunAsync(frames.ToAsyncEnumerable(), new NearDuplicateFilter(maxHashDistance: -1), scratch, cancellationToken);
            return (run, null);
        }, cancellationToken);

    [Queue(StepQueues.Providers)]
    [AutomaticRetry(Attempts = Attempts, DelaysInSeconds = [1, 3, 10])]
    public Task TranscribeAsync(string itemId, PerformContext? context, CancellationToken cancellationToken) =>
        RunStepAsync(itemId, StepNames.Transcribe, context, async (item, batch, scratch) =>
        {
            var manifest = await ManifestAsync(item.Id, cancellationToken);
            var run = BeginRun(batch);
            var heard = TranscribeStageResult.None;
            if (manifest.HasAudio)
            {
                var video = await VideoAsync(item, scratch, cancellationToken);
                var portfolio = new PortfolioAnalysisModels(run);
                var stage = new TranscribeStage(MediaEngineSource.Instance, portfolio.Transcriber, cache, Ids(portfolio, AnalysisTasks.Transcribe), batch.Settings.Language, time);
                heard = await stage.RunAsync(video, manifest.DurationSeconds, scratch, cancellationToken);
            }

            // Kept for the finish step, which then extracts no audio (a stopped stage is not kept: the finish step tries again).
            if (RecordedTranscript.From(heard) is { } recorded)
            {
                await PutJsonAsync(TranscriptKey(item.Id), recorded, cancellationToken);
            }

            return (run, null);
        }, cancellationToken);

    [Queue(StepQueues.Media)]
    [AutomaticRetry(Attempts = Attempts, DelaysInSeconds = [1, 3, 10])]
    public Task FinishAsync(string itemId, PerformContext? context, CancellationToken cancellationToken) =>
        RunStepAsync(itemId, StepNames.Finish, context, async (item, batch, scratch) =>
        {
            var video = await VideoAsync(item, scratch, cancellationToken);
            var reportFolder = Path.Combine(scratch, "report");
            var request = new AnalyzeRequest
            {
                VideoPath = video,
                OutputDirectory = reportFolder,
                Sampling = new SamplingSettings(batch.Settings.EverySeconds),
                Focus = batch.Settings.Focus,
                Language = batch.Settings.Language,
                Offline = batch.Settings.Offline,
            };
            // The pass and the transcript the earlier steps kept are replayed (no second decode, no second audio
            // extraction); an item prepared before they were kept runs the whole analysis again.
            var outcome = await ReadJsonAsync<RecordedPass>(PassKey(item.Id), cancellationToken) is { } pass
                ? await analyses.RunAsync(request, Remaining(batch), new ReplayedPassSource(pass, (file, path, ct) => FetchFrameAsync(item.Id, file, path, ct),
                    await ReadJsonAsync<RecordedTranscript>(TranscriptKey(item.Id), cancellationToken), MediaEngineSource.Instance), cancellationToken)
                : await analyses.RunAsync(request, Remaining(batch), _ => { }, cancellationToken);
            foreach (var file in Directory.EnumerateFiles(reportFolder))
            {
                await using var content = File.OpenRead(file);
                await blobs.PutAsync(ReportKey(item.Id, Path.GetFileName(file)), content, cancellationToken);
            }

            // The full-size frames the report links to (its poster, a thumbnail's click-through).
            var frames = Path.Combine(reportFolder, "frames");
            foreach (var file in Directory.Exists(frames) ? Directory.EnumerateFiles(frames, "*.jpg") : [])
            {
                await using var content = File.OpenRead(file);
                await blobs.PutAsync(ReportKey(item.Id, "frames/" + Path.GetFileName(file)), content, cancellationToken);
            }

            var warning = outcome.Failure?.Message ?? (outcome.NoProviderConfigured ? "no model provider is configured on the server: the report is structural only" : null);
            var dollars = outcome.Report.Usage.Stages.Sum(s => s.Dollars);
            var records = outcome.Report.Usage.Stages.Where(s => s.Dollars > 0 || s.Calls > 0)
                .Select(s => new UsageRecord { Task = s.Stage, Provider = "cuboid", ModelId = s.Models is [var first, ..] ? first : "cuboid:analyze", InputTokens = s.InputTokens, OutputTokens = s.OutputTokens, AudioSeconds = s.AudioSeconds, Attempts = s.Calls, Outcome = CallOutcome.Succeeded, Dollars = s.Dollars, At = time.GetUtcNow() })
                .ToList();
            return (null, () => store.SetStatus(item.Id, BatchItemStatus.Completed, warning, time.GetUtcNow()), new StepCost(dollars, records));
        }, cancellationToken);

    private async Task RunStepAsync(string itemId, string step, PerformContext? context, Func<BatchItem, BatchRecord, string, Task<(RunScope? Run, Action? Then)>> body, CancellationToken cancellationToken) =>
        await RunStepAsync(itemId, step, context, async (item, batch, scratch) =>
        {
            var (run, then) = await body(item, batch, scratch);
            return (run, then, run is null ? StepCost.None : new StepCost(run.Ledger.Total().Dollars, run.Ledger.Records));
        }, cancellationToken);

    private async Task RunStepAsync(string itemId, string step, PerformContext? context, Func<BatchItem, BatchRecord, string, Task<(RunScope? Run, Action? Then, StepCost Cost)>> body, CancellationToken cancellationToken)
    {
        if (store.FindItem(itemId) is not { IsFinished: false } item || store.FindBatch(item.BatchId) is not { } batch)
        {
            return; // Finished (or gone): a late duplicate of a step has nothing to do.
        }

        if (store.Steps(itemId).GetValueOrDefault(step))
        {
            // Booked by an earlier run that may have died before queuing what follows: queue it (again).
            if (step == StepNames.Prepare)
            {
                scheduler.QueuePending(itemId);
            }

            scheduler.AfterStep(itemId, context?.BackgroundJob?.Id);
            return;
        }

        store.SetStatus(itemId, BatchItemStatus.Running, null, null);
        var scratch = Path.Combine(Path.GetTempPath(), "cuboid-steps", $"{itemId}-{step}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(scratch);
        try
        {
            var (_, then, cost) = await body(item, batch, scratch);
            // Booked once, on the step row and the key together: a second run of a done step finds the row done and books nothing.
            booking.Book(itemId, step, cost.Dollars, budgets.Unreserved(CallerOf(batch), "analyze"), cost.Records);

            then?.Invoke();
            scheduler.AfterStep(itemId, context?.BackgroundJob?.Id);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && Fails(ex, context))
        {
            // A failed video never stops the batch: it is marked failed and its siblings go on.
            logger.LogWarning("Batch item {ItemId} failed at step {Step}: {Reason}", itemId, step, ex.Message);
            store.SetStatus(itemId, BatchItemStatus.Failed, $"{step}: {ex.Message.ReplaceLineEndings(" ")}", time.GetUtcNow());
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    /// <summary>True when the error ends the item: the user's input (no retry helps) or the last attempt.</summary>
    private static bool Fails(Exception ex, PerformContext? context) =>
        ex is CuboidException { Kind: ErrorKind.Input or ErrorKind.Usage } || (context?.GetJobParameter<int>("RetryCount") ?? Attempts) >= Attempts;

    private RunScope BeginRun(BatchRecord batch) => models.BeginRun(Remaining(batch));

    /// <summary>What the batch may still spend: its budget less what its booked steps cost (null: no batch budget).</summary>
    private decimal? Remaining(BatchRecord batch) =>
        batch.Budget is { } budget ? Math.Max(budget - store.SpentBy(batch.Id), 0.000001m) : null;

    private Caller CallerOf(BatchRecord batch) => batch.KeyId is { } keyId && gateway.Find(keyId) is { } key ? new Caller(key) : Caller.Admin;

    /// <summary>The upload under its submitted name (the report's <c>source</c>), linked from the blob store.</summary>
    private async Task<string> VideoAsync(BatchItem item, string scratch, CancellationToken cancellationToken)
    {
        var blob = await blobs.LocalPathAsync(VideoKey(item.ContentHash), scratch, cancellationToken)
            ?? throw CuboidException.Input($"the upload of {item.Name} is missing from the blob store");
        var named = Path.Combine(scratch, "video", Path.GetFileName(item.Name));
        Directory.CreateDirectory(Path.GetDirectoryName(named)!);
        File.CreateSymbolicLink(named, blob);
        return named;
    }

    private async Task<FrameManifest> ManifestAsync(string itemId, CancellationToken cancellationToken)
    {
        await using var stream = await blobs.OpenReadAsync($"items/{itemId}/manifest.json", cancellationToken)
            ?? throw CuboidException.Input($"{itemId} has no manifest: its first step has not run");
        return await JsonSerializer.DeserializeAsync<FrameManifest>(stream, ManifestJson, cancellationToken)
            ?? throw CuboidException.Input($"{itemId} has an empty manifest");
    }

    private static string PassKey(string itemId) => $"items/{itemId}/pass.json";

    private static string TranscriptKey(string itemId) => $"items/{itemId}/transcript.json";

    private Task PutJsonAsync<T>(string key, T value, CancellationToken cancellationToken) =>
        blobs.PutAsync(key, new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(value, ReportJson.Options)), cancellationToken);

    private async Task<T?> ReadJsonAsync<T>(string key, CancellationToken cancellationToken)
        where T : class
    {
        await using var stream = await blobs.OpenReadAsync(key, cancellationToken);
        return stream is null ? null : await JsonSerializer.DeserializeAsync<T>(stream, ReportJson.Options, cancellationToken);
    }

    private async Task FetchFrameAsync(string itemId, string file, string path, CancellationToken cancellationToken)
    {
        await using var frame = await blobs.OpenReadAsync($"items/{itemId}/frames/{file}", cancellationToken)
            ?? throw CuboidException.Input($"frame {file} of {itemId} is missing from the blob store");
        await using var copy = File.Create(path);
        await frame.CopyToAsync(copy, cancellationToken);
    }

    private static IReadOnlyList<string> Ids(IAnalysisModels models, string task) => [.. models.Candidates(task).Select(c => c.ModelId)];
}
