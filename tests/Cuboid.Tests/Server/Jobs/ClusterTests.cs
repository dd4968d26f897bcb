using System.Text.Json.Nodes;
using Cuboid.Testing.Postgres;

namespace Cuboid.Tests.Server.Jobs;

/// <summary>
/// The scale-out layout as real processes on one machine (what <c>scripts/cluster-local.sh</c> starts): one API process
/// and two workers, sharing one PostgreSQL database (the gateway store, the queue and the batch store) and a files
/// folder, against the provider simulator. A batch of 40 short videos finishes with every report complete and every step's cost booked once; one
/// worker killed with <c>kill -9</c> midway loses no report, and no provider answer is asked for twice.
/// </summary>
public sealed class ClusterTests
{
    private const int ProviderWorkers = 3;

    [Fact]
    public async Task Two_workers_finish_40_videos_and_one_killed_midway_loses_no_report_and_repeats_no_answer()
    {
        await using var world = await StepBatchWorld.StartAsync(40);
        await using var database = await PostgresTestDatabase.CreateAsync();
        // A dead worker's step goes back to the queue after 15 s (live workers keep sliding theirs, even on a loaded machine).
        world.Environment["Cuboid__InvisibilitySeconds"] = "15";
        // The gateway store in the same database as the steps, as docs/SCALING.md tells a cluster: a step's row and its
        // key's spend are then one transaction, so a kill at any moment leaves both or neither. (SingleProcessBatchTests
        // kills the SQLite layout, where the key is booked once per step before the row.)
        world.Environment["Cuboid__Files"] = world.Store;
        string[] shared = ["--store", database.ConnectionString, "--jobs", database.ConnectionString, "--config", world.Providers.ConfigPath];
        using var api = ServeProcess.Start([.. shared, "--role", "api"], world.Environment);
        // The API creates the schemas first; the workers then find them (they would also take turns if started at once).
        await api.WaitUntilLiveAsync(TimeSpan.FromSeconds(90));
        using var doomed = ServeProcess.Start([.. shared, "--role", "worker", "--queues", $"media:1,providers:{ProviderWorkers}"], world.Environment);
        using var survivor = ServeProcess.Start([.. shared, "--role", "worker", "--queues", $"media:1,providers:{ProviderWorkers}"], world.Environment);
        await Task.WhenAll(doomed.WaitUntilLiveAsync(TimeSpan.FromSeconds(90)), survivor.WaitUntilLiveAsync(TimeSpan.FromSeconds(90)));

        var (admin, keyed, id) = await world.SubmitAsync(api.Url);
        // Killed once a few videos are done, while others are mid-step.
        await StepBatchWorld.WaitForCompletedAsync(admin, id, world.Videos.Count / 4, TimeSpan.FromMinutes(5));
        doomed.KillHard();
        world.MarkKilled();
        var workers = JsonNode.Parse(await admin.GetStringAsync("/v1/workers"))!;
        var done = await world.WaitForBatchAsync(admin, id, TimeSpan.FromMinutes(10))
            ?? throw new TimeoutException($"{await admin.GetStringAsync($"/v1/batches/{id}")}\nAPI:\n{api.Output}\nSURVIVOR:\n{survivor.Output}");

        Assert.NotEmpty(workers["data"]!.AsArray());
        await world.AssertExactAsync(admin, keyed, done);
    }
}
