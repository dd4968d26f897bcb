using System.Net;
using System.Text.Json.Nodes;
using Cuboid.Generation;
using Cuboid.Server.Keys;
using Cuboid.Server.Videos;
using Cuboid.Testing.Generation;
using Cuboid.Testing.Postgres;
using Cuboid.Testing.Simulators;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace Cuboid.Tests.Server.Videos;

/// <summary>
/// A video job on a gateway whose queue is shared (<c>--role api --jobs postgres://...</c>): the API records it and
/// queues its create without calling the host; its steps (submit, poll, download, settle), each run twice on purpose as
/// a queue may after a worker dies, create it once at the host simulator, keep one poll chain, and book its cost once.
/// </summary>
public sealed class VideoJobStepsTests : IClassFixture<GatewaySimulatorFixture>, IAsyncLifetime
{
    private readonly ProviderSimulator _sim;
    private VideoHostSimulator _videoSim = null!;
    private PostgresTestDatabase _database = null!;

    public VideoJobStepsTests(GatewaySimulatorFixture fixture) => _sim = fixture.Fresh();

    public async Task InitializeAsync()
    {
        _videoSim = await VideoHostSimulator.StartAsync();
        _database = await PostgresTestDatabase.CreateAsync();
    }

    public async Task DisposeAsync()
    {
        await _videoSim.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Every_step_run_twice_creates_the_job_once_and_books_its_cost_once()
    {
        _videoSim.PollsToFinish = 3;
        var queue = new RecordingJobClient();
        using var host = ApiHost(queue);
        var (client, keyId, period) = await KeyedClientAsync(host);

        var (created, job) = await ServerJson.PostAsync(client, "/v1/videos", new JsonObject { ["prompt"] = "waves", ["seconds"] = 2, ["resolution"] = "90p" });
        var id = (string)job["id"]!;
        var createsBeforeSteps = _videoSim.CreateCount();
        var heldWhileQueued = host.Store.HeldIn(keyId, period, DateTimeOffset.UtcNow);
        await RunEveryStepTwiceAsync(queue, host);

        var finished = JsonNode.Parse(await client.GetStringAsync($"/v1/videos/{id}"))!;
        var mp4 = await client.GetByteArrayAsync($"/v1/videos/{id}/content");
        var history = queue.History.ToList();

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal("queued", (string)job["status"]!);
        Assert.Equal(0, createsBeforeSteps);
        Assert.True(heldWhileQueued > 0);
        Assert.Equal(1, _videoSim.CreateCount());
        Assert.Equal("completed", (string)finished["status"]!);
        Assert.Equal("ftyp", System.Text.Encoding.ASCII.GetString(mp4, 4, 4));
        // One poll chain: each poll number queued its successor once, however often it ran.
        Assert.InRange(history.Count(h => h == nameof(VideoJobSteps.PollAsync)), _videoSim.PollsToFinish, _videoSim.PollsToFinish + 2);
        Assert.Contains(nameof(VideoJobSteps.DownloadAsync), history);
        Assert.Contains(nameof(VideoJobSteps.SettleAsync), history);
        AssertBookedOnce(host, keyId, period, (decimal)finished["cuboid"]!["actual_cost"]!);
        Assert.Empty(host.Store.UnsettledVideoJobs());
    }

    [Fact]
    public async Task A_queued_create_refused_by_its_first_route_falls_over_to_the_next_and_makes_one_job()
    {
        var queue = new RecordingJobClient();
        using var host = ApiHost(queue);
        var (client, keyId, period) = await KeyedClientAsync(host);
        var (id, videos, firstRoute) = await QueueRefusedAtFirstRouteAsync(host, client);
        await RunEveryStepTwiceAsync(queue, host);

        var ended = videos.Find(id)!;
        var finished = JsonNode.Parse(await client.GetStringAsync($"/v1/videos/{id}"))!;

        AssertFellOverOnce(host, ended, firstRoute, keyId, period, finished);
    }

    [Fact]
    public async Task A_worker_that_died_after_a_refusal_and_before_moving_the_job_on_leaves_the_fallback_to_the_step_run_again()
    {
        var queue = new RecordingJobClient();
        using var host = ApiHost(queue);
        var (client, keyId, period) = await KeyedClientAsync(host);
        var (id, videos, firstRoute) = await QueueRefusedAtFirstRouteAsync(host, client);
        DieOnceAfterTheRefusalIsSaved(host, id);

        var (runs, deaths) = await RunEveryStepTwiceAsync(queue, host);
        var ended = videos.Find(id)!;
        var finished = JsonNode.Parse(await client.GetStringAsync($"/v1/videos/{id}"))!;

        Assert.InRange(runs, 1, 199);
        Assert.Equal(1, deaths);
        AssertFellOverOnce(host, ended, firstRoute, keyId, period, finished);
        Assert.Empty(host.Store.UnsettledVideoJobs());
    }

    [Fact]
    public async Task A_job_every_route_refused_ends_failed_and_settled_once_though_its_worker_died_mid_fallback()
    {
        var queue = new RecordingJobClient();
        using var host = ApiHost(queue);
        var (client, keyId, period) = await KeyedClientAsync(host);
        var request = new JsonObject { ["prompt"] = "waves", ["seconds"] = 2, ["resolution"] = "90p" };
        var videos = host.Services.GetRequiredService<Cuboid.Server.Gateway.VideoGateway>();
        var routes = videos.Plan(new GenerateRequest { Prompt = "waves", Seconds = 2, Resolution = "90p" }).Candidates.Select(c => c.Route.Model).ToList();
        foreach (var route in routes)
        {
            _videoSim.Script(route, VideoFault.ServerError(503));
        }

        var (_, job) = await ServerJson.PostAsync(client, "/v1/videos", request);
        var id = (string)job["id"]!;
        DieOnceAfterTheRefusalIsSaved(host, id);

        var (_, deaths) = await RunEveryStepTwiceAsync(queue, host);
        var ended = videos.Find(id)!;
        var finished = JsonNode.Parse(await client.GetStringAsync($"/v1/videos/{id}"))!;

        Assert.True(routes.Count > 1, string.Join(", ", routes));
        Assert.Equal(1, deaths);
        Assert.Equal(VideoJobState.Failed, ended.State);
        Assert.Equal("failed", (string)finished["status"]!);
        Assert.Equal(routes.Last(), ended.HostModel);
        Assert.All(routes, route => Assert.Equal(1, _videoSim.CreateCount(route)));
        Assert.Empty(_videoSim.Jobs);
        AssertBookedOnce(host, keyId, period, 0);
        Assert.Empty(host.Store.UnsettledVideoJobs());
    }

    [Fact]
    public async Task A_refused_job_whose_books_are_closed_is_not_moved_on_by_a_late_run_of_its_submit_step()
    {
        var queue = new RecordingJobClient();
        using var host = ApiHost(queue);
        var (_, job) = await ServerJson.PostAsync(host.Client(), "/v1/videos", new JsonObject { ["prompt"] = "waves", ["seconds"] = 2, ["resolution"] = "90p" });
        var id = (string)job["id"]!;
        var videos = host.Services.GetRequiredService<Cuboid.Server.Gateway.VideoGateway>();
        var steps = host.Services.GetRequiredService<VideoJobSteps>();
        // Refused at its first route, not moved on; then settled (a step Hangfire gave up on ends it so): the books are closed.
        var recorded = videos.Find(id)!;
        var refusal = new Cuboid.Generation.Jobs.VideoJobRefusal { Host = recorded.Host, HostModel = recorded.HostModel, Kind = Cuboid.Portfolio.ProviderFailureKind.ServerError, Error = "503" };
        Assert.NotNull(videos.TrySave(recorded with { State = VideoJobState.Failed, RawState = "503", Error = "503", CreateAttempts = 1, Refusals = [refusal] }));
        await steps.SettleAsync(id);
        Assert.Empty(host.Store.UnsettledVideoJobs());

        Assert.True(queue.TryTake(out var submit));
        await RecordingJobClient.RunAsync(submit, steps);
        var ended = videos.Find(id)!;

        Assert.Equal(0, _videoSim.CreateCount());
        Assert.Equal(VideoJobState.Failed, ended.State);
        Assert.Equal(recorded.HostModel, ended.HostModel);
    }

    [Fact]
    public async Task A_create_claimed_by_a_worker_that_died_before_sending_is_never_sent_again()
    {
        var queue = new RecordingJobClient();
        using var host = ApiHost(queue);
        var (_, job) = await ServerJson.PostAsync(host.Client(), "/v1/videos", new JsonObject { ["prompt"] = "waves", ["seconds"] = 2, ["resolution"] = "90p" });
        var id = (string)job["id"]!;
        var videos = host.Services.GetRequiredService<Cuboid.Server.Gateway.VideoGateway>();
        // A worker claimed the create (one attempt recorded) and died before the request left.
        var recorded = videos.Find(id)!;
        Assert.NotNull(videos.TrySave(recorded with { CreateAttempts = 1 }));
        var steps = host.Services.GetRequiredService<VideoJobSteps>();
        for (var runs = 0; queue.TryTake(out var step) && runs < 50; runs++)
        {
            await RecordingJobClient.RunAsync(step, steps);
        }

        var ended = videos.Find(id)!;

        Assert.Equal(0, _videoSim.CreateCount());
        // The host cannot list its jobs, or did not list this one: unknown or failed, never re-sent.
        Assert.True(ended.State.IsTerminal(), ended.State.ToString());
        Assert.Empty(host.Store.UnsettledVideoJobs());
    }

    [Fact]
    public async Task A_server_with_a_shared_queue_follows_a_video_through_its_Hangfire_steps_to_a_checked_MP4()
    {
        using var host = new GatewayHost(_sim, videoSim: _videoSim);
        host.Settings["Cuboid:Jobs"] = _database.ConnectionString;
        host.Settings["Cuboid:PollMilliseconds"] = "100";
        var client = host.Client();

        var (_, job) = await ServerJson.PostAsync(client, "/v1/videos", new JsonObject { ["prompt"] = "a lighthouse", ["seconds"] = 2, ["resolution"] = "90p" });
        var finished = await VideosTests.WaitForEndAsync(client, (string)job["id"]!);
        var mp4 = await client.GetByteArrayAsync($"/v1/videos/{(string)job["id"]!}/content");

        Assert.Equal("completed", (string)finished["status"]!);
        Assert.Equal("ftyp", System.Text.Encoding.ASCII.GetString(mp4, 4, 4));
        Assert.Equal(1, _videoSim.CreateCount());
    }

    [Fact]
    public async Task A_first_frame_queued_by_the_api_host_reaches_a_worker_through_the_shared_blob_folder_only()
    {
        // Two hosts with store folders of their own, sharing the database and the blob folder, as two machines would.
        var blobs = Directory.CreateTempSubdirectory("cuboid-shared-blobs-").FullName;
        using var api = new GatewayHost(_sim, videoSim: _videoSim, postgres: _database.ConnectionString);
        api.Settings["Cuboid:Role"] = "api";
        api.Settings["Cuboid:Jobs"] = _database.ConnectionString;
        api.Settings["Cuboid:Blobs"] = blobs;
        var client = api.Client();
        var png = await File.ReadAllBytesAsync(await TestImages.SolidPngAsync("red"));
        var image = new ByteArrayContent(png);
        image.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
        using var form = new MultipartFormDataContent
        {
            { new StringContent("a red lighthouse"), "prompt" }, { new StringContent("2"), "seconds" }, { new StringContent("90p"), "resolution" }, { image, "input_reference", "first.png" },
        };

        var created = await client.PostAsync("/v1/videos", form);
        var id = (string)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!;
        var uploads = Path.Combine(api.StoreFolder, "uploads");
        var leftOnApiDisk = Directory.Exists(uploads) ? Directory.GetFiles(uploads).Length : 0;
        var queuedBlob = Path.Combine(blobs, VideoJobInputs.FirstFrameKey(id));
        var keptInBlobs = File.Exists(queuedBlob) ? await File.ReadAllBytesAsync(queuedBlob) : null;
        // The worker sees the API host's jobs through the shared database (its video gateway reads the same job store).
        using var worker = new GatewayHost(_sim, postgres: _database.ConnectionString) { TestServices = s => s.AddSingleton(api.Videos!) };
        worker.Settings["Cuboid:Role"] = "worker";
        worker.Settings["Cuboid:Jobs"] = _database.ConnectionString;
        worker.Settings["Cuboid:Blobs"] = blobs;
        worker.Settings["Cuboid:PollMilliseconds"] = "100";
        _ = worker.Client();
        var finished = await VideosTests.WaitForEndAsync(client, id);

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal(0, leftOnApiDisk);
        Assert.Equal(png, keptInBlobs);
        Assert.Equal("completed", (string)finished["status"]!);
        Assert.Equal(png, _videoSim.Jobs.Single().Spec.FirstFrame);
        // The create is done with: the frame is gone from the shared folder.
        Assert.False(File.Exists(queuedBlob));
        Directory.Delete(blobs, recursive: true);
    }

    [Fact]
    public async Task A_first_frame_queued_by_an_older_server_in_its_uploads_folder_is_sent_and_then_deleted()
    {
        var queue = new RecordingJobClient();
        using var host = ApiHost(queue);
        var png = await File.ReadAllBytesAsync(await TestImages.SolidPngAsync("red"));
        var image = new ByteArrayContent(png);
        image.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
        using var form = new MultipartFormDataContent
        {
            { new StringContent("a red lighthouse"), "prompt" }, { new StringContent("2"), "seconds" }, { new StringContent("90p"), "resolution" }, { image, "input_reference", "first.png" },
        };
        var created = await host.Client().PostAsync("/v1/videos", form);
        var id = (string)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!;
        // As an older server queued it: the frame left in STORE/uploads, the queued request naming its path there.
        Assert.True(queue.TryTake(out var queued));
        var blobs = Path.Combine(host.StoreFolder, "blobs");
        var upload = Path.Combine(host.StoreFolder, "uploads", $"{Guid.NewGuid():N}.png");
        Directory.CreateDirectory(Path.GetDirectoryName(upload)!);
        File.Move(Path.Combine(blobs, VideoJobInputs.FirstFrameKey(id)), upload);
        var request = JsonNode.Parse((string)queued.Args[1])!;
        request["firstFramePath"] = upload;
        var steps = host.Services.GetRequiredService<VideoJobSteps>();

        await steps.SubmitAsync(id, request.ToJsonString(), CancellationToken.None);
        for (var runs = 0; queue.TryTake(out var step) && runs < 200; runs++)
        {
            await RecordingJobClient.RunAsync(step, steps);
        }

        var ended = host.Services.GetRequiredService<Cuboid.Server.Gateway.VideoGateway>().Find(id)!;

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal(VideoJobState.Succeeded, ended.State);
        Assert.Equal(png, _videoSim.Jobs.Single().Spec.FirstFrame);
        Assert.False(File.Exists(upload));
    }

    [Fact]
    public async Task A_step_that_fails_before_its_own_code_runs_ends_its_video_failed_with_the_reason_and_releases_the_hold()
    {
        // Every run of every video step fails as Hangfire activates it, before the step could end its job itself.
        using var host = new GatewayHost(_sim, videoSim: _videoSim) { TestServices = s => s.AddSingleton<JobActivator>(new RefusingActivator()) };
        host.Settings["Cuboid:Jobs"] = _database.ConnectionString;
        host.Settings["Cuboid:PollMilliseconds"] = "100";
        var (client, keyId, period) = await KeyedClientAsync(host);

        var (_, job) = await ServerJson.PostAsync(client, "/v1/videos", new JsonObject { ["prompt"] = "a lighthouse", ["seconds"] = 2, ["resolution"] = "90p" });
        var heldWhileQueued = host.Store.HeldIn(keyId, period, DateTimeOffset.UtcNow);
        var finished = await VideosTests.WaitForEndAsync(client, (string)job["id"]!);
        // The job is saved failed, then booked: wait (briefly) for the booking.
        for (var i = 0; i < 100 && host.Store.UnsettledVideoJobs().Count > 0; i++)
        {
            await Task.Delay(50);
        }

        Assert.True(heldWhileQueued > 0);
        Assert.Equal("failed", (string)finished["status"]!);
        Assert.Equal("submit: steps cannot be built here", (string)finished["error"]!["message"]!);
        Assert.Equal(0, _videoSim.CreateCount());
        Assert.Empty(host.Store.UnsettledVideoJobs());
        AssertBookedOnce(host, keyId, period, 0);
    }

    /// <summary>Builds every step but the video job's: those fail as an activation does when a service is missing.</summary>
    private sealed class RefusingActivator : JobActivator
    {
        public override object ActivateJob(Type jobType) =>
            jobType == typeof(VideoJobSteps) ? throw new InvalidOperationException("steps cannot be built here") : base.ActivateJob(jobType);

        public override JobActivatorScope BeginScope(JobActivatorContext context) => new Scope(this);

        private sealed class Scope(JobActivator activator) : JobActivatorScope
        {
            public override object Resolve(Type type) => activator.ActivateJob(type);
        }
    }

    // The worker running the submit step dies right after the first refusal of job id is saved, before it is moved on.
    private static void DieOnceAfterTheRefusalIsSaved(GatewayHost host, string id)
    {
        var died = 0;
        host.VideoSession!.Runner.Changed += saved =>
        {
            if (saved.Id == id && saved.State == VideoJobState.Failed && Interlocked.Exchange(ref died, 1) == 0)
            {
                throw new WorkerDied();
            }
        };
    }

    // Each queued step run twice, as a queue may; a run the worker died in is run again, as Hangfire retries it.
    // A 2 s video queued on the key's client, whose first route will refuse the create (503): its id and first route.
    private async Task<(string Id, Cuboid.Server.Gateway.VideoGateway Videos, string FirstRoute)> QueueRefusedAtFirstRouteAsync(GatewayHost host, HttpClient client)
    {
        var (_, job) = await ServerJson.PostAsync(client, "/v1/videos", new JsonObject { ["prompt"] = "waves", ["seconds"] = 2, ["resolution"] = "90p" });
        var id = (string)job["id"]!;
        var videos = host.Services.GetRequiredService<Cuboid.Server.Gateway.VideoGateway>();
        var firstRoute = videos.Find(id)!.HostModel;
        _videoSim.Script(firstRoute, VideoFault.ServerError(503));
        return (id, videos, firstRoute);
    }

    // The key was charged exactly this, once, and holds nothing any more.
    private static void AssertBookedOnce(GatewayHost host, string keyId, DateOnly period, decimal dollars)
    {
        Assert.Equal(dollars, host.Store.SpentIn(keyId, period));
        Assert.Equal(0, host.Store.HeldIn(keyId, period, DateTimeOffset.UtcNow));
    }

    // The job refused at its first route ended on another, with one create at each and one job made, charged once.
    private void AssertFellOverOnce(GatewayHost host, Cuboid.Generation.Jobs.VideoJob ended, string firstRoute, string keyId, DateOnly period, JsonNode finished)
    {
        Assert.Equal(VideoJobState.Succeeded, ended.State);
        Assert.NotEqual(firstRoute, ended.HostModel);
        Assert.Equal(1, _videoSim.CreateCount(firstRoute));
        Assert.Equal(1, _videoSim.CreateCount(ended.HostModel));
        Assert.Single(_videoSim.Jobs);
        AssertBookedOnce(host, keyId, period, (decimal)finished["cuboid"]!["actual_cost"]!);
    }

    // A client whose key may spend $5 in all, with the key's id and period.
    private static async Task<(HttpClient Client, string KeyId, DateOnly Period)> KeyedClientAsync(GatewayHost host)
    {
        var client = host.Client(await KeysTests.CreateKeyAsync(host, new JsonObject { ["budget"] = 5, ["period"] = "total" }));
        return (client, host.Store.Keys().Single(k => k.Budget == 5).Id, KeyPeriods.Start(KeyPeriod.Total, DateTimeOffset.UtcNow));
    }

    private static async Task<(int Runs, int Deaths)> RunEveryStepTwiceAsync(RecordingJobClient queue, GatewayHost host)
    {
        var steps = host.Services.GetRequiredService<VideoJobSteps>();
        var (runs, deaths) = (0, 0);
        for (; queue.TryTake(out var step) && runs < 200; runs++)
        {
            for (var run = 0; run < 2; run++)
            {
                try
                {
                    await RecordingJobClient.RunAsync(step, steps);
                }
                catch (WorkerDied)
                {
                    deaths++;
                    run--;
                }
            }
        }

        return (runs, deaths);
    }

    private sealed class WorkerDied() : Exception("the worker died");

    private GatewayHost ApiHost(RecordingJobClient queue)
    {
        var host = new GatewayHost(_sim, videoSim: _videoSim) { TestServices = services => services.AddSingleton<IBackgroundJobClient>(queue) };
        host.Settings["Cuboid:Jobs"] = _database.ConnectionString;
        host.Settings["Cuboid:Role"] = "api";
        return host;
    }
}
