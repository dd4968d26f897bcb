namespace Cuboid.Tests.Server.Jobs;

/// <summary>
/// PostgreSQL (the queue and the batch store) stopped and started again while a batch runs on a <c>cuboid serve</c>
/// process: the steps in flight wait for it (the stores and the queue retry transient failures), Hangfire reconnects,
/// and the batch completes after it returns with every report exact and every cost booked once.
/// </summary>
public sealed class PostgresRestartTests
{
    [Fact]
    public async Task A_batch_completes_after_PostgreSQL_is_restarted_mid_batch()
    {
        await using var world = await StepBatchWorld.StartAsync(8);
        using var postgres = await PrivatePostgres.StartAsync();
        world.Environment["Cuboid__InvisibilitySeconds"] = "15";
        using var serve = ServeProcess.Start(["--store", world.Store, "--jobs", postgres.ConnectionString, "--config", world.Providers.ConfigPath, "--queues", "media:1,providers:4"], world.Environment);
        await serve.WaitUntilLiveAsync(TimeSpan.FromSeconds(90));

        var (admin, keyed, id) = await world.SubmitAsync(serve.Url);
        await StepBatchWorld.WaitForCompletedAsync(admin, id, 2, TimeSpan.FromMinutes(5));
        await postgres.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(3));
        await postgres.StartAgainAsync();
        var done = await world.WaitForBatchAsync(admin, id, TimeSpan.FromMinutes(6))
            ?? throw new TimeoutException($"the batch did not finish after PostgreSQL came back:\n{serve.Output}");

        await world.AssertExactAsync(admin, keyed, done);
    }
}
