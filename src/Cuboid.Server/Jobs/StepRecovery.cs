using Cuboid.Server.Batches;
using Microsoft.Extensions.Options;

namespace Cuboid.Server.Jobs;

/// <summary>
/// For a single process whose queue lives in memory: on start, every unfinished batch video's remaining steps are
/// queued again from the store's step rows (the store is durable, the queue is not). A shared PostgreSQL queue keeps
/// its steps itself, so this does nothing there.
/// </summary>
public sealed class StepRecovery(IOptions<ScaleOptions> options, IBatchStore store, StepScheduler scheduler, ILogger<StepRecovery> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.InMemory && options.Value.RunsSteps)
        {
            var unfinished = store.UnfinishedItems();
            foreach (var item in unfinished)
            {
                scheduler.Resume(item);
            }

            if (unfinished.Count > 0)
            {
                logger.LogInformation("Queued the remaining steps of {Count} unfinished batch videos", unfinished.Count);
            }
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
