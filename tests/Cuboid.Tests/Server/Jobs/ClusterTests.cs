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
/// and two workers, sharing a store folder and a PostgreSQL queue and batch store, against the provider simulator. A
/// batch of 40 short videos finishes with every report complete and every step's cost booked on the key once; one worker
/// killed with <c>kill -9</c> midway loses no report, and no provider answer is asked for twice: every answer is cached
/// the moment it arrives. (A call the dead worker had in flight never got its answer; it is counted apart, as abandoned.)
/// </summary>
public sealed class ClusterTests
{
    private const string AdminKey = "cbk-admin-cluster-0123456789";
    private const int ProviderWorkers = 3;
    private const int Count = 40;

    [Fact]
    public async Task Two_workers_finish_40_videos_and_one_killed_midway_loses_no_report_and_repeats_no_answer()
    {
        await using var world = await SimulatedProviders.StartAsync();
        var answered = new ConcurrentBag<string>();
        var answers = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        var abandoned = 0;
        world.Simulator.Respond(async (request, cancellationToken) =>
        {
            // What each call asked about (the frame, the audio, the timeline), to find any answered twice. The latency is
            // waited here, so a call whose worker died before its answer is not counted as answered.
            var payload = request.Images.Count > 0 ? request.Images[0].Data! : request.Audio ?? System.Text.Encoding.UTF8.GetBytes(request.LastUserText);
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(60), cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref abandoned);
                throw;
            }

            var reply = SimulatedProviders.Answer(request);
            answered.Add($"{request.Protocol}:{Convert.ToHexString(SHA256.HashData(payload))}");
            answers.TryAdd(reply.Text, 0);
            return reply;
        });
        await using var database = await PostgresTestDatabase.CreateAsync();
        var videos = new List<string>();
        for (var i = 0; i < Count; i++)
        {
            // Each video its own pictures and sound (length and size), so no two share a cached answer; short and small.
            videos.Add(await VideoBuilder.BuildAsync(new VideoRecipe { Seconds = 2 + (0.025 * i), Width = 160 + (4 * i), Height = 90 }));
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
        // The batch runs on a key, so its spend is booked where it can be counted.
        var issued = JsonNode.Parse(await (await client.PostAsJsonAsync("/admin/keys", new { name = "cluster" })).Content.ReadAsStringAsync())!;
        using var keyed = new HttpClient { BaseAddress = api.Url, Timeout = TimeSpan.FromMinutes(2) };
        keyed.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (string)issued["key"]!);
        var created = await keyed.PostAsJsonAsync("/v1/batches", new { name = "cluster", every = 1 });
        var id = (string)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!;
        foreach (var video in videos)
        {
            (await keyed.PostAsync($"/v1/batches/{id}/videos", BatchesTests.Upload(video))).EnsureSuccessStatusCode();
        }

        // Killed once a few videos are done, while others are mid-step.
        for (var i = 0; i < 3000 && (int)JsonNode.Parse(await client.GetStringAsync($"/v1/batches/{id}"))!["completed"]! < Count / 4; i++)
        {
            await Task.Delay(100);
        }

        doomed.KillHard();
        var workers = JsonNode.Parse(await client.GetStringAsync("/v1/workers"))!;
        var done = await WaitAsync(client, id, TimeSpan.FromMinutes(10))
            ?? throw new TimeoutException($"{await client.GetStringAsync($"/v1/batches/{id}")}\nAPI:\n{api.Output}\nSURVIVOR:\n{survivor.Output}");

        var reports = new List<(JsonNode Video, JsonNode Report)>();
        foreach (var video in done["videos"]!.AsArray())
        {
            reports.Add((video!, JsonNode.Parse(await client.GetStringAsync($"/v1/batches/{id}/videos/{video["id"]}/report.json"))!));
        }

        var usage = JsonNode.Parse(await keyed.GetStringAsync("/v1/usage"))!;
        var repeated = answered.GroupBy(a => a, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => $"{g.Key} x{g.Count()}").ToList();
        Assert.True((int)done["completed"]! == Count, done.ToJsonString());
        Assert.All(reports, r => Assert.Equal((string)r.Video["name"]!, Path.GetFileName((string)r.Report["source"]!)));
        Assert.All(reports, r => Assert.All(r.Report["samples"]!.AsArray(), s => Assert.Contains((string)s!["caption"]!, answers.Keys)));
        Assert.All(reports, r => Assert.NotEmpty(r.Report["samples"]!.AsArray()));
        Assert.All(reports, r => Assert.NotEmpty(r.Report["transcript"]!.AsArray()));
        Assert.All(reports, r => Assert.NotNull(r.Report["summary"]));
        Assert.NotEmpty(workers["data"]!.AsArray());
        // Every step's cost booked on the key once: what the key spent is what the batch's step rows add up to.
        Assert.True((decimal)done["dollars"]! > 0);
        Assert.Equal((decimal)done["dollars"]!, (decimal)usage["total"]!);
        // No answer asked for twice: each was cached as it arrived, so a step run again after the kill asked only for what it lacked.
        Assert.True(repeated.Count == 0, $"answered twice: {string.Join(", ", repeated)} ({abandoned} calls abandoned by the killed worker)");
    }

    private static async Task<JsonObject?> WaitAsync(HttpClient client, string id, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var batch = JsonNode.Parse(await client.GetStringAsync($"/v1/batches/{id}"))!.AsObject();
            if ((int)batch["total"]! == Count && (string)batch["status"]! == "finished")
            {
                return batch;
            }

            await Task.Delay(250);
        }

        return null;
    }
}
