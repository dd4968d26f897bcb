using Cuboid.Server.Analyses;
using Cuboid.Server.Batches;
using Cuboid.Server.Videos;

namespace Cuboid.Tests.Server.Batches;

/// <summary>
/// What every <see cref="IBatchStore"/> promises, run against SQLite and PostgreSQL: a step is booked once, the final
/// step is claimed once (also by many callers at once), a finished item never moves again, a batch's spend adds up its
/// booked steps, completed reports are found again only for the same key and options, and a video job's hold is kept.
/// </summary>
public abstract class BatchStoreContract
{
    protected abstract Task<IBatchStore> OpenAsync();

    [Fact]
    public async Task A_step_is_booked_once_and_the_final_step_is_claimed_once()
    {
        var store = await OpenAsync();
        var (batch, item) = AddItem(store, keyId: null);
        store.AddSteps(item.Id, ["caption-000", "transcribe"]);
        store.AddSteps(item.Id, ["caption-000"]);

        var first = store.CompleteStep(item.Id, "caption-000", 0.25m);
        var again = store.CompleteStep(item.Id, "caption-000", 9m);
        store.CompleteStep(item.Id, "transcribe", 0.125m);
        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => store.ClaimFinish(item.Id, "job-" + i))));

        Assert.True(first);
        Assert.False(again);
        Assert.Equal(new Dictionary<string, bool> { ["caption-000"] = true, ["transcribe"] = true }, store.Steps(item.Id));
        Assert.Single(claims, c => c);
        Assert.Equal(0.375m, store.SpentBy(batch.Id));
        Assert.Equal(0.375m, store.FindItem(item.Id)!.Dollars);
    }

    [Fact]
    public async Task The_claimant_of_the_final_step_claims_it_again_until_it_is_queued()
    {
        var store = await OpenAsync();
        var (_, item) = AddItem(store, keyId: null);

        var first = store.ClaimFinish(item.Id, "17");
        var other = store.ClaimFinish(item.Id, "18");
        // The claimant died before queuing the final step; Hangfire runs the same job (id 17) again.
        var again = store.ClaimFinish(item.Id, "17");
        store.FinishQueued(item.Id);
        var afterQueued = store.ClaimFinish(item.Id, "17");

        Assert.True(first);
        Assert.False(other);
        Assert.True(again);
        Assert.False(afterQueued);
        Assert.False(store.ClaimFinish(item.Id, "18"));
    }

    [Fact]
    public async Task A_finished_item_never_moves_again_and_leaves_the_unfinished_list()
    {
        var store = await OpenAsync();
        var (batch, item) = AddItem(store, keyId: "key_a");
        var unfinishedBefore = store.UnfinishedItems().Any(i => i.Id == item.Id);

        var running = store.SetStatus(item.Id, BatchItemStatus.Running, null, null);
        var completed = store.SetStatus(item.Id, BatchItemStatus.Completed, "a warning", DateTimeOffset.UtcNow);
        var movedBack = store.SetStatus(item.Id, BatchItemStatus.Failed, "late", DateTimeOffset.UtcNow);
        var found = store.FindItem(item.Id)!;

        Assert.True(unfinishedBefore);
        Assert.True(running);
        Assert.True(completed);
        Assert.False(movedBack);
        Assert.Equal(BatchItemStatus.Completed, found.Status);
        Assert.Equal("a warning", found.Error);
        Assert.NotNull(found.FinishedAt);
        Assert.DoesNotContain(store.UnfinishedItems(), i => i.Id == item.Id);
        Assert.Equal(item.Id, store.FindCompleted("key_a", item.ContentHash, IBatchStore.SettingsKey(batch.Settings))!.Id);
        Assert.Null(store.FindCompleted(null, item.ContentHash, IBatchStore.SettingsKey(batch.Settings)));
        Assert.Null(store.FindCompleted("key_a", item.ContentHash, IBatchStore.SettingsKey(batch.Settings with { EverySeconds = 9 })));
        Assert.Equal([item.Id], store.ItemsOf(batch.Id).Select(i => i.Id));
        Assert.Contains(store.Batches("key_a", 10), b => b.Id == batch.Id);
        Assert.Equal(batch.Budget, store.FindBatch(batch.Id)!.Budget);
    }

    [Fact]
    public async Task A_video_job_hold_is_kept_once()
    {
        var store = await OpenAsync();
        var jobId = "sim." + Guid.NewGuid().ToString("N");
        var period = new DateOnly(2026, 12, 1);

        store.AddVideoHold(jobId, new VideoHold("hold_1", period));
        store.AddVideoHold(jobId, new VideoHold("hold_2", period.AddDays(1)));

        Assert.Equal(new VideoHold("hold_1", period), store.FindVideoHold(jobId));
        Assert.Null(store.FindVideoHold("sim.none"));
    }

    private static (BatchRecord Batch, BatchItem Item) AddItem(IBatchStore store, string? keyId)
    {
        var now = DateTimeOffset.UtcNow;
        var batch = new BatchRecord { Id = "batch_" + Guid.NewGuid().ToString("N")[..20], KeyId = keyId, Settings = new AnalysisSettings { EverySeconds = 2 }, Budget = 1.5m, CreatedAt = now };
        store.AddBatch(batch);
        var item = new BatchItem
        {
            Id = "video_" + Guid.NewGuid().ToString("N")[..20], BatchId = batch.Id, Name = "a.mp4", ContentHash = Guid.NewGuid().ToString("N"),
            Status = BatchItemStatus.Queued, CreatedAt = now,
        };
        store.AddItem(item, keyId, IBatchStore.SettingsKey(batch.Settings));
        return (batch, item);
    }
}
