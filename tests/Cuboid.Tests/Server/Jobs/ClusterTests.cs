using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Cuboid.Testing.Postgres;
using Cuboid.Testing.Simulators;
using Cuboid.Testing.Video;
using Cuboid.Tests.Server.Batches;
using Cuboid.Tests.Understanding;

namespace Cuboid.Tests.Server.Jobs;

/// <summary>
/// The scale-out layout as real processes on one machine (what <c>scripts/cluster-local.sh</c> starts): one API process
/// and two workers, sharing a store folder and a PostgreSQL queue, against the provider simulator. A batch finishes with
/// every report complete; one worker killed with <c>kill -9</c> midway loses no report, and the only provider calls
/// made twice are the ones that worker had in flight when it died (their answers never arrived).
/// </summary>
public sealed class ClusterTests
{
    private const string AdminKey = "cbk-admin-cluster-0123456789";
    private const int ProviderWorkers = 3;

    [Fact]
    public async Task Two_workers_finish_a_batch_and_one_killed_midway_loses_no_report()
    {
        const int count = 12;
        await using var world = await SimulatedProviders.StartAsync();
        var asked = new ConcurrentBag<string>();
        world.Simulator.Latency = TimeSpan.FromMilliseconds(60);
        world.Simulator.Respond(request =>
        {
            // What each call asked about (the frame, the audio, the timeline), to find any asked twice.
            var payload = request.Images.Count > 0 ? request.Images[0].Data! : request.Audio ?? System.Text.Encoding.UTF8.GetBytes(request.LastUserText);
            asked.Add($"{request.Protocol}:{Convert.ToHexString(SHA256.HashData(payload))}");
            return SimulatedProviders.Answer(request);
        });
        await using var database = await PostgresTestDatabase.CreateAsync();
        var videos = new List<string>();
        for (var i = 0; i < count; i++)
        {
            // Each video its own pictures and sound, so no two share a cached answer.
            videos.Add(await VideoBuilder.BuildAsync(new VideoRecipe { Seconds = 2 + (0.25 * i), Width = 320 + (16 * i), Height = 180 }));
        }

        var environment = new Dictionary<string, string>
        {
            [SimulatedProviders.KeyVariable] = ProviderSimulator.DefaultApiKey,
            ["CUBOID_ADMIN_KEY"] = AdminKey,
            // A dead worker's step goes back to the queue after 6 s (live workers keep sliding theirs).
            ["Cuboid__InvisibilitySeconds"] = "6",
            ["Cuboid__PollMilliseconds"] = "100",
        };
        string[] shared = ["--store", Path.Combine(world.Folder, "store"), "--jobs", database.ConnectionString, "--config", world.ConfigPath];
        using var api = ServeProcess.Start([.. shared, "--role", "api"], environment);
        // The API creates the schemas first; the workers then find them (they would also take turns if started at once).
        await api.WaitUntilLiveAsync(TimeSpan.FromSeconds(90));
        using var doomed = ServeProcess.Start([.. shared, "--role", "worker", "--queues", $"media:1,providers:{ProviderWorkers}"], environment);
        using var survivor = ServeProcess.Start([.. shared, "--role", "worker", "--queues", $"media:1,providers:{ProviderWorkers}"], environment);
        await Task.WhenAll(doomed.WaitUntilLiveAsync(TimeSpan.FromSeconds(90)), survivor.WaitUntilLiveAsync(TimeSpan.FromSeconds(90)));

        using var client = new HttpClient { BaseAddress = api.Url, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        var created = await client.PostAsJsonAsync("/v1/batches", new { name = "cluster", every = 1 });
        var id = (string)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!;
        foreach (var video in videos)
        {
            (await client.PostAsync($"/v1/batches/{id}/videos", BatchesTests.Upload(video))).EnsureSuccessStatusCode();
        }

        // Killed once a few videos are done, while others are mid-step.
        for (var i = 0; i < 600 && (int)JsonNode.Parse(await client.GetStringAsync($"/v1/batches/{id}"))!["completed"]! < count / 4; i++)
        {
            await Task.Delay(100);
        }

        doomed.KillHard();
        var workers = JsonNode.Parse(await client.GetStringAsync("/v1/workers"))!;
        JsonObject done;
        try
        {
            done = await BatchesTests.WaitForBatchAsync(client, id, count);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{await client.GetStringAsync($"/v1/batches/{id}")}\nAPI:\n{api.Output}\nSURVIVOR:\n{survivor.Output}");
        }

        var reports = new List<JsonNode>();
        foreach (var video in done["videos"]!.AsArray())
        {
            reports.Add(JsonNode.Parse(await client.GetStringAsync($"/v1/batches/{id}/videos/{video!["id"]}/report.json"))!);
        }

        var repeated = asked.GroupBy(a => a, StringComparer.Ordinal).Sum(g => g.Count() - 1);
        Assert.True((int)done["completed"]! == count, done.ToJsonString());
        Assert.All(reports, r => Assert.All(r["samples"]!.AsArray(), s => Assert.NotNull(s!["caption"])));
        Assert.All(reports, r => Assert.NotEmpty(r["transcript"]!.AsArray()));
        Assert.All(reports, r => Assert.NotNull(r["summary"]));
        Assert.NotEmpty(workers["data"]!.AsArray());
        // At most the calls the killed worker had in flight are asked again: every finished answer was cached.
        Assert.True(repeated <= ProviderWorkers + 1, $"{repeated} provider calls were made twice");
    }
}
