using System.Collections.Concurrent;
using System.Threading.Channels;
using Cuboid.Portfolio;
using Cuboid.Server.Gateway;
using Cuboid.Server.Keys;
using Cuboid.Server.Store;
using Cuboid.Server.Webhooks;
using Cuboid.Understanding;
using Microsoft.Extensions.Options;

namespace Cuboid.Server.Analyses;

/// <summary>
/// Runs accepted analyses in the background, one at a time (each is a full decode plus model calls, and the machine is
/// shared), through the library's <see cref="AnalysisSession"/>. Keeps each run's live progress; books its cost on its
/// key stage by stage; on start, runs again whatever a previous process left unfinished (the cache makes that cheap).
/// </summary>
public sealed class AnalysisService(AnalysisGateway analyses, IGatewayStore store, KeyBudgets budgets, IOptions<ServerOptions> options, IOptions<Jobs.ScaleOptions> scale, TimeProvider time,
    WebhookDispatcher webhooks, ILogger<AnalysisService> logger) : BackgroundService
{
    private readonly Channel<(string Id, KeyedCall Call)> _queue = Channel.CreateUnbounded<(string, KeyedCall)>();
    private readonly ConcurrentDictionary<string, AnalysisProgress> _progress = new(StringComparer.Ordinal);

    /// <summary>The folder of one analysis: <c>video</c> (the upload) and <c>report/</c>.</summary>
    public string Folder(string id) => Path.Combine(options.Value.StoreFolder(), "analyses", id);

    public string VideoPath(string id) => Path.Combine(Folder(id), "video");

    public string ReportFolder(string id) => Path.Combine(Folder(id), "report");

    public void Enqueue(string id, KeyedCall call) => _queue.Writer.TryWrite((id, call));

    /// <summary>The latest progress of a running analysis, if any.</summary>
    public AnalysisProgress? Progress(string id) => _progress.GetValueOrDefault(id);

    public AnalyzeRequest RequestFor(string id, AnalysisSettings settings) => new()
    {
        VideoPath = VideoPath(id),
        OutputDirectory = ReportFolder(id),
        Sampling = new SamplingSettings(settings.EverySeconds),
        MaxFrames = settings.MaxFrames,
        Focus = settings.Focus,
        Language = settings.Language,
        Offline = settings.Offline,
    };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (scale.Value.Role == Jobs.ServerRoles.Worker)
        {
            return; // A worker runs queued steps only; the API process runs the analyses it accepted.
        }

        foreach (var left in store.UnfinishedAnalyses())
        {
            var caller = left.KeyId is { } keyId && store.Find(keyId) is { } key ? new Caller(key) : Caller.Admin;
            await RunAsync(left, budgets.Unreserved(caller, "analyze"), stoppingToken);
        }

        try
        {
            await foreach (var (id, call) in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                if (store.FindAnalysis(id) is { } record)
                {
                    await RunAsync(record, call, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the next start runs what is left.
        }
    }

    private async Task RunAsync(AnalysisRecord record, KeyedCall call, CancellationToken stoppingToken)
    {
        var id = record.Id;
        store.SaveAnalysis(record with { Status = "running" });
        try
        {
            // A key with a budget caps the run at what it reserved; the library refuses calls past it.
            var budget = record.KeyId is not null && record.Reserved > 0 ? record.Reserved : (decimal?)null;
            var outcome = await analyses.RunAsync(RequestFor(id, record.Settings), budget, p => _progress[id] = p, stoppingToken);
            var stages = outcome.Report.Usage.Stages;
            call.Settle([.. stages.Where(s => s.Dollars > 0 || s.Calls > 0).Select(s => Record(s))]);
            store.SaveAnalysis(record with
            {
                Status = "completed",
                FinishedAt = time.GetUtcNow(),
                Dollars = stages.Sum(s => s.Dollars),
                Error = outcome.Failure?.Message ?? (outcome.NoProviderConfigured ? "no model provider is configured on the server: the report is structural only" : null),
            });
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Left "running": the next start runs it again.
        }
        catch (CuboidException ex)
        {
            logger.LogWarning("Analysis {Id} failed: {Reason}", id, ex.Message);
            // Input and usage errors stop the run before any model call; anything else may have spent up to the hold.
            call.Settle(ex.Kind is ErrorKind.Input or ErrorKind.Usage ? [] : [Record(new("analyze", 0, 0, 0, 0, record.Reserved)) with { Outcome = CallOutcome.Abandoned }]);
            store.SaveAnalysis(record with { Status = "failed", FinishedAt = time.GetUtcNow(), Error = ex.Message.ReplaceLineEndings(" ") });
        }
        finally
        {
            _progress.TryRemove(id, out _);
        }

        if (store.FindAnalysis(id) is { Status: "completed" or "failed" } ended)
        {
            webhooks.Notify(id, ended.KeyId, $"analysis.{ended.Status}", AnalysesEndpoints.Describe(ended, null, null));
        }
    }

    private UsageRecord Record(Understanding.Reports.StageUsage stage) => new()
    {
        Task = stage.Stage,
        Provider = "cuboid",
        ModelId = stage.Models is [var first, ..] ? first : "cuboid:analyze",
        InputTokens = stage.InputTokens,
        OutputTokens = stage.OutputTokens,
        AudioSeconds = stage.AudioSeconds,
        Attempts = stage.Calls,
        Outcome = CallOutcome.Succeeded,
        Dollars = stage.Dollars,
        At = time.GetUtcNow(),
    };
}
