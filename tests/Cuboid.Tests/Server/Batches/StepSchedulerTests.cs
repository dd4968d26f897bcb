using Cuboid.PostgreSql;
using Cuboid.Server.Analyses;
using Cuboid.Server.Batches;
using Cuboid.Testing.Postgres;

namespace Cuboid.Tests.Server.Batches;

/// <summary>
/// The final step on PostgreSQL when the worker that claimed it dies before queuing it: Hangfire runs the dying step's
/// job again under the same id, and that run queues the final step; no other job, and no later run, queues it twice.
/// </summary>
public sealed class StepSchedulerTests : IAsyncLifetime
{
    private PostgresTestDatabase _database = null!;
    private PostgresDatabase _store = null!;

    public async Task InitializeAsync()
    {
        _database = await PostgresTestDatabase.CreateAsync();
        _store = PostgresDatabase.Create(_database.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public void A_final_step_claimed_by_a_worker_killed_before_its_enqueue_is_queued_by_the_same_job_run_again()
    {
        var store = PostgresBatchStore.Open(_store);
        var itemId = AddItemWithStepsDone(store);
        var jobs = new DyingJobClient(deaths: 1);
        var scheduler = new StepScheduler(jobs, store);

        Assert.Throws<OperationCanceledException>(() => scheduler.AfterStep(itemId, "42"));
        var queuedAfterDeath = jobs.Recorded.History.Count;
        scheduler.AfterStep(itemId, "42"); // Hangfire's re-run of the killed job
        scheduler.AfterStep(itemId, "43"); // a sibling step's late duplicate
        scheduler.AfterStep(itemId, "42"); // the killed job a third time

        Assert.Equal(0, queuedAfterDeath);
        Assert.Equal(["FinishAsync"], jobs.Recorded.History);
    }

    private static string AddItemWithStepsDone(IBatchStore store)
    {
        var now = DateTimeOffset.UtcNow;
        var batch = new BatchRecord { Id = "batch_" + Guid.NewGuid().ToString("N")[..20], Settings = new AnalysisSettings { EverySeconds = 2 }, CreatedAt = now };
        store.AddBatch(batch);
        var item = new BatchItem { Id = "video_" + Guid.NewGuid().ToString("N")[..20], BatchId = batch.Id, Name = "a.mp4", ContentHash = Guid.NewGuid().ToString("N"), Status = BatchItemStatus.Queued, CreatedAt = now };
        store.AddItem(item, null, IBatchStore.SettingsKey(batch.Settings));
        store.AddSteps(item.Id, [StepNames.Caption(0), StepNames.Transcribe]);
        store.CompleteStep(item.Id, StepNames.Caption(0), 0.1m);
        store.CompleteStep(item.Id, StepNames.Transcribe, 0.2m);
        return item.Id;
    }
}
