namespace Cuboid.Tests.Server.Jobs;

/// <summary>
/// The embedded default (<c>--role all</c>, no <c>--jobs</c>: the queue in memory, batches in SQLite): one process killed
/// with <c>kill -9</c> mid-batch and started again picks the batch up from its step rows, and finishes it as a cluster
/// does: every report exact, every cost booked once, no provider answer asked for twice.
/// </summary>
public sealed class SingleProcessBatchTests
{
    [Fact]
    public async Task One_process_killed_mid_batch_and_started_again_finishes_it_exactly()
    {
        await using var world = await StepBatchWorld.StartAsync(8);
        string[] arguments = ["--store", world.Store, "--config", world.Providers.ConfigPath, "--queues", "media:1,providers:4"];
        var first = ServeProcess.Start(arguments, world.Environment);
        await first.WaitUntilLiveAsync(TimeSpan.FromSeconds(90));
        var (admin, _, id) = await world.SubmitAsync(first.Url);
        await StepBatchWorld.WaitForCompletedAsync(admin, id, 2, TimeSpan.FromMinutes(5));
        first.KillHard();
        world.MarkKilled();
        first.Dispose();

        using var second = ServeProcess.Start(arguments, world.Environment);
        await second.WaitUntilLiveAsync(TimeSpan.FromSeconds(90));
        var (again, keyed) = world.ClientsFor(second.Url);
        var done = await world.WaitForBatchAsync(again, id, TimeSpan.FromMinutes(6))
            ?? throw new TimeoutException($"the batch did not finish after the restart:\n{second.Output}");

        await world.AssertExactAsync(again, keyed, done);
    }
}
