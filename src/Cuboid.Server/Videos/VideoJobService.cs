using System.Collections.Concurrent;
using System.Threading.Channels;
using Cuboid.Server.Gateway;
using Cuboid.Server.Keys;
using Cuboid.Server.Store;
using Cuboid.Server.Webhooks;

namespace Cuboid.Server.Videos;

/// <summary>
/// Follows every video job the gateway started to its end in the background: polls it (through the library's runner),
/// downloads and checks its outputs, then settles its key's reservation with what it cost and books it. On start it
/// picks up the jobs a previous process left unsettled, so a restart loses no job and no bill.
/// </summary>
public sealed class VideoJobService(VideoGateway videos, IGatewayStore store, KeyBudgets budgets, WebhookDispatcher webhooks, Microsoft.Extensions.Options.IOptions<Jobs.ScaleOptions> scale, ILogger<VideoJobService> logger) : BackgroundService
{
    private readonly Channel<(string JobId, KeyedCall Call)> _started = Channel.CreateUnbounded<(string, KeyedCall)>();
    // The jobs being followed, so a job resumed at start and handed in again is followed once.
    private readonly ConcurrentDictionary<string, byte> _following = new(StringComparer.Ordinal);

    /// <summary>Hands a just-started job and its key's hold to the service.</summary>
    public void Follow(string jobId, KeyedCall call) => _started.Writer.TryWrite((jobId, call));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!scale.Value.InMemory)
        {
            return; // A shared queue: every job is followed by its steps on the workers (VideoJobSteps).
        }

        foreach (var left in store.UnsettledVideoJobs())
        {
            var caller = left.KeyId is { } keyId && store.Find(keyId) is { } key ? new Caller(key) : Caller.Admin;
            Start(left.JobId, budgets.Unreserved(caller, "video"), stoppingToken);
        }

        try
        {
            await foreach (var (jobId, call) in _started.Reader.ReadAllAsync(stoppingToken))
            {
                Start(jobId, call, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: unsettled jobs are picked up again by the next start.
        }
    }

    private void Start(string jobId, KeyedCall call, CancellationToken stoppingToken)
    {
        if (_following.TryAdd(jobId, 0))
        {
            _ = FollowAsync(jobId, call, stoppingToken);
        }
    }

    private async Task FollowAsync(string jobId, KeyedCall call, CancellationToken stoppingToken)
    {
        try
        {
            var job = await videos.WaitAsync(jobId, stoppingToken);
            call.Settle([videos.RecordOf(job)]);
            store.MarkVideoJobSettled(jobId, videos.Time.GetUtcNow());
            webhooks.Notify(jobId, store.FindVideoJob(jobId)?.KeyId, $"video.{VideoJson.Status(job)}", VideoJson.Describe(job));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Resumed by the next start.
        }
        catch (Exception ex) when (ex is CuboidException or HttpRequestException or IOException)
        {
            // The job's end could not be seen (wait deadline, downloads that keep failing): keep its estimate spent,
            // as the library does for a job it cannot follow, rather than free money the host may bill.
            logger.LogWarning("Video job {JobId} could not be followed to its end: {Reason}", jobId, ex.Message);
            if (videos.Find(jobId) is { } job)
            {
                call.Settle([videos.RecordOf(job) with { Dollars = job.EstimatedCost, Outcome = Cuboid.Portfolio.CallOutcome.Abandoned, Error = ex.Message }]);
            }

            store.MarkVideoJobSettled(jobId, videos.Time.GetUtcNow());
        }
#pragma warning disable CA1031 // A background follower must log whatever ends it, never die unobserved.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.LogError(ex, "Following video job {JobId} failed", jobId);
        }
        finally
        {
            _following.TryRemove(jobId, out _);
        }
    }
}
