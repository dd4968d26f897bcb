using System.Text.Json;
using Cuboid.Generation;
using Cuboid.Generation.Jobs;
using Cuboid.Portfolio;
using Cuboid.Storage;
using Cuboid.Testing.Generation;
using Microsoft.Extensions.AI;

namespace Cuboid.Tests.Generation;

/// <summary>Every host protocol driven through the job layer against the simulator: states, attempts, kept outputs, faults.</summary>
public sealed class VideoJobRunnerTests(VideoSimulatorFixture fixture) : IClassFixture<VideoSimulatorFixture>
{
    private VideoHostSimulator Sim => fixture.Sim;

    public static TheoryData<string> Hosts => [.. VideoHostSimulator.Protocols];

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task A_job_succeeds_and_its_output_is_kept_hashed_and_probed(string host)
    {
        using var harness = new JobHarness(Sim);
        var model = $"sim/ok-{host}";
        var outcome = await harness.Runner.SubmitAsync(JobHarness.Submission(host, model));
        Assert.True(outcome.Accepted);
        Assert.Equal(host, VideoJobId.HostOf(outcome.Job.Id));

        var job = await harness.Runner.WaitAsync(outcome.Job.Id);

        Assert.Equal(VideoJobState.Succeeded, job.State);
        Assert.Equal(1, job.CreateAttempts);
        Assert.Equal(1, Sim.CreateCount(model));
        var output = Assert.Single(job.Outputs);
        Assert.True(File.Exists(output.Path));
        Assert.Equal(await ContentHash.OfFileAsync(output.Path), output.Sha256);
        Assert.Equal((160, 90), (output.Width, output.Height));
        Assert.Equal(2, output.Seconds, 0.2);
        Assert.Equal(8, output.FramesPerSecond, 0.1);
        Assert.Empty(job.Warnings);
        Assert.Equal(0.20m, job.ActualCost);
        Assert.NotNull(job.RawState);
        Assert.Equal(VideoJobState.Succeeded, harness.Store.Find(job.Id)!.State);
        Assert.Equal(0, Sim.KeyedFileRequests);
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task A_first_frame_reaches_the_host_and_the_clip_starts_from_it(string host)
    {
        using var harness = new JobHarness(Sim);
        var model = $"sim/i2v-{host}";
        var red = new DataContent(await File.ReadAllBytesAsync(await TestImages.SolidPngAsync("red")), "image/png");
        var outcome = await harness.Runner.SubmitAsync(JobHarness.Submission(host, model, firstFrame: red));

        var job = await harness.Runner.WaitAsync(outcome.Job.Id);

        Assert.Equal(VideoJobState.Succeeded, job.State);
        Assert.NotNull(Sim.Jobs.Single(j => j.Model == model).Spec.FirstFrame);
        // Red in limited-range luma is about 81; testsrc2 without the frame averages far from a flat red.
        var first = Path.Combine(harness.Folder, "first.png");
        await Cuboid.Media.MediaProcess.RunAsync("ffmpeg", ["-v", "error", "-i", job.Outputs[0].Path, "-frames:v", "1", first]);
        Assert.Equal(81, await Cuboid.Testing.Video.ImageMeasure.MeanLumaAsync(first), 6);
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task A_throttled_create_is_retried_after_its_Retry_After_and_makes_one_job(string host)
    {
        using var harness = new JobHarness(Sim);
        var model = $"sim/throttled-{host}";
        Sim.Script(model, VideoFault.RateLimited(TimeSpan.FromSeconds(1)));

        var outcome = await harness.Runner.SubmitAsync(JobHarness.Submission(host, model));
        var job = await harness.Runner.WaitAsync(outcome.Job.Id);

        Assert.Equal(VideoJobState.Succeeded, job.State);
        Assert.Equal(2, job.CreateAttempts);
        Assert.Equal(2, Sim.CreateCount(model));
        Assert.Single(Sim.Jobs, j => j.Model == model);
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task A_5xx_on_create_is_a_refusal_with_no_job_at_the_host(string host)
    {
        using var harness = new JobHarness(Sim);
        var model = $"sim/create-500-{host}";
        Sim.Script(model, VideoFault.ServerError(503));

        var outcome = await harness.Runner.SubmitAsync(JobHarness.Submission(host, model));

        Assert.False(outcome.Accepted);
        Assert.Equal(503, outcome.Refusal!.StatusCode);
        Assert.Equal(VideoJobState.Failed, outcome.Job.State);
        Assert.Null(outcome.Job.ProviderJobId);
        Assert.DoesNotContain(Sim.Jobs, j => j.Model == model);
        Assert.Equal(VideoJobState.Failed, harness.Store.Find(outcome.Job.Id)!.State);
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task A_job_that_fails_after_running_ends_failed_with_the_hosts_reason(string host)
    {
        using var harness = new JobHarness(Sim);
        var model = $"sim/fails-{host}";
        Sim.Script(model, VideoFault.FailAfterRunning);
        var outcome = await harness.Runner.SubmitAsync(JobHarness.Submission(host, model));

        var job = await harness.Runner.WaitAsync(outcome.Job.Id);

        Assert.Equal(VideoJobState.Failed, job.State);
        Assert.False(string.IsNullOrWhiteSpace(job.Error));
        Assert.Empty(job.Outputs);
        Assert.Null(job.ActualCost);
        Assert.Equal(1, Sim.CreateCount(model));
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task An_expired_result_url_marks_the_job_expired_without_a_second_create(string host)
    {
        using var harness = new JobHarness(Sim);
        var model = $"sim/expired-{host}";
        Sim.Script(model, VideoFault.ExpiredResult);
        var outcome = await harness.Runner.SubmitAsync(JobHarness.Submission(host, model));

        var job = await harness.Runner.WaitAsync(outcome.Job.Id);

        Assert.Equal(VideoJobState.Expired, job.State);
        Assert.Contains("deleted", job.Error, StringComparison.Ordinal);
        Assert.Equal(1, Sim.CreateCount(model));
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task A_download_cut_midway_is_retried_as_a_GET_only(string host)
    {
        using var harness = new JobHarness(Sim);
        var model = $"sim/cut-{host}";
        Sim.Script(model, VideoFault.DownloadCut);
        var outcome = await harness.Runner.SubmitAsync(JobHarness.Submission(host, model));

        var job = await harness.Runner.WaitAsync(outcome.Job.Id);

        Assert.Equal(VideoJobState.Succeeded, job.State);
        Assert.Equal(2, job.DownloadAttempts);
        Assert.Equal(1, Sim.CreateCount(model));
        var simulated = Sim.Jobs.Single(j => j.Model == model);
        Assert.Equal(2, simulated.Downloads);
        Assert.Equal(ContentHash.Of(await SimulatedVideoRenderer.RenderAsync(simulated.Delivered)), job.Outputs[0].Sha256);
        Assert.DoesNotContain(Directory.GetFiles(harness.Store.OutputDirectory(job.Id)), f => f.EndsWith(".part", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task A_result_smaller_than_asked_is_a_warning_and_is_billed_as_delivered(string host)
    {
        using var harness = new JobHarness(Sim);
        var model = $"sim/lower-res-{host}";
        Sim.Script(model, VideoFault.LowerResolution);
        var outcome = await harness.Runner.SubmitAsync(JobHarness.Submission(host, model, size: new VideoSize(320, 180)));

        var job = await harness.Runner.WaitAsync(outcome.Job.Id);

        Assert.Equal(VideoJobState.Succeeded, job.State);
        Assert.Equal((160, 90), (job.Outputs[0].Width, job.Outputs[0].Height));
        Assert.Contains(job.Warnings, w => w.Contains("160x90", StringComparison.Ordinal) && w.Contains("320x180", StringComparison.Ordinal));
        // 2 s at the 90p SKU ($0.10/s), not the 180p one that was asked for ($0.20/s).
        Assert.Equal(0.20m, job.ActualCost);
        Assert.Equal(0.20m, job.EstimatedCost);
    }

    [Fact]
    public async Task A_restarted_process_resumes_polling_a_stored_job_without_a_second_create()
    {
        using var harness = new JobHarness(Sim);
        const string model = "sim/restart";
        var outcome = await harness.Runner.SubmitAsync(JobHarness.Submission("veo", model));

        var job = await harness.NewRunner(Sim).WaitAsync(outcome.Job.Id);

        Assert.Equal(VideoJobState.Succeeded, job.State);
        Assert.Equal(1, Sim.CreateCount(model));
        Assert.Single(harness.Store.List());
    }

    [Fact]
    public async Task A_create_cut_short_is_found_in_the_hosts_job_list_where_the_host_can_list()
    {
        using var harness = new JobHarness(Sim);
        const string model = "sim/lost-answer";
        Sim.Script(model, VideoFault.HangCreate(TimeSpan.FromSeconds(30)));
        using var dies = new CancellationTokenSource();
        var submitting = harness.Runner.SubmitAsync(JobHarness.Submission("replicate", model, prompt: "lost answer prompt"), dies.Token);
        await WaitUntil(() => Sim.Jobs.Any(j => j.Model == model));
        await dies.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => submitting);
        var left = Assert.Single(harness.Store.List());
        Assert.Equal(VideoJobState.Submitting, left.State);

        var job = await harness.NewRunner(Sim).WaitAsync(left.Id);

        Assert.Equal(VideoJobState.Succeeded, job.State);
        Assert.Equal(1, Sim.CreateCount(model));
        Assert.Contains(job.Warnings, w => w.Contains("job list", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_create_cut_short_on_a_host_that_cannot_list_is_marked_unknown_and_not_resent()
    {
        using var harness = new JobHarness(Sim);
        const string model = "sim/lost-fal";
        Sim.Script(model, VideoFault.HangCreate(TimeSpan.FromSeconds(30)));
        using var dies = new CancellationTokenSource();
        var submitting = harness.Runner.SubmitAsync(JobHarness.Submission("fal", model), dies.Token);
        await WaitUntil(() => Sim.Jobs.Any(j => j.Model == model));
        await dies.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => submitting);

        var job = await harness.NewRunner(Sim).WaitAsync(harness.Store.List().Single().Id);

        Assert.Equal(VideoJobState.Unknown, job.State);
        Assert.Contains("will not re-send", job.Error, StringComparison.Ordinal);
        Assert.Equal(1, Sim.CreateCount(model));
    }

    [Theory]
    [InlineData("fal")]
    [InlineData("replicate")]
    [InlineData("runway")]
    public async Task A_cancel_reaches_the_host_and_the_job_ends_cancelled(string host)
    {
        using var harness = new JobHarness(Sim);
        var model = $"sim/cancel-{host}";
        var outcome = await harness.Runner.SubmitAsync(JobHarness.Submission(host, model));

        await harness.Runner.CancelAsync(outcome.Job.Id);
        var job = await harness.Runner.WaitAsync(outcome.Job.Id);

        Assert.Equal(VideoJobState.Cancelled, job.State);
        Assert.True(Sim.Jobs.Single(j => j.Model == model).CancelRequested);
    }

    [Theory]
    [InlineData("openai")]
    [InlineData("openrouter")]
    [InlineData("veo")]
    public async Task A_cancel_on_a_host_without_one_is_a_usage_error_and_the_job_runs_to_its_end(string host)
    {
        using var harness = new JobHarness(Sim);
        var model = $"sim/no-cancel-{host}";
        var outcome = await harness.Runner.SubmitAsync(JobHarness.Submission(host, model));

        var refused = await Assert.ThrowsAsync<CuboidException>(() => harness.Runner.CancelAsync(outcome.Job.Id));
        var job = await harness.Runner.WaitAsync(outcome.Job.Id);

        Assert.Equal((ErrorKind.Usage, CuboidErrorCodes.JobState, CuboidParameters.JobId), (refused.Kind, refused.Code, refused.Parameter));
        Assert.Contains("has no cancel", refused.Message, StringComparison.Ordinal);
        Assert.Equal(VideoJobState.Succeeded, job.State);
        Assert.False(Sim.Jobs.Single(j => j.Model == model).CancelRequested);
    }

    [Fact]
    public async Task A_wrong_key_is_a_refusal_whose_message_holds_no_key_and_job_records_hold_none()
    {
        using var harness = new JobHarness(Sim);
        const string wrongKey = "vk-wrong-0000111122223333";
        var runner = new VideoJobRunner(harness.Store, new SimulatorGenerators(Sim, wrongKey), JobHarness.FastPolling);

        var outcome = await runner.SubmitAsync(JobHarness.Submission("openrouter", "sim/wrong-key"));

        Assert.Equal(ProviderFailureKind.Unauthorized, outcome.Refusal!.Kind);
        Assert.DoesNotContain(wrongKey, outcome.Refusal.Message, StringComparison.Ordinal);
        var ok = await harness.Runner.WaitAsync((await harness.Runner.SubmitAsync(JobHarness.Submission("veo", "sim/key-check"))).Job.Id);
        foreach (var job in harness.Store.List())
        {
            var json = JsonSerializer.Serialize(job, PortfolioJson.Options);
            Assert.DoesNotContain(wrongKey, json, StringComparison.Ordinal);
            Assert.DoesNotContain(VideoHostSimulator.DefaultApiKey, json, StringComparison.Ordinal);
        }

        Assert.Equal(VideoJobState.Succeeded, ok.State);
        Assert.Equal(0, Sim.KeyedFileRequests);
    }

    [Fact]
    public void States_only_move_forward()
    {
        Assert.True(VideoJobStates.CanMove(VideoJobState.Queued, VideoJobState.Running));
        Assert.True(VideoJobStates.CanMove(VideoJobState.Throttled, VideoJobState.Queued));
        Assert.False(VideoJobStates.CanMove(VideoJobState.Running, VideoJobState.Queued));
        Assert.False(VideoJobStates.CanMove(VideoJobState.Succeeded, VideoJobState.Running));
        Assert.True(VideoJobStates.CanMove(VideoJobState.Succeeded, VideoJobState.Expired));
        Assert.True(VideoJobStates.CanMove(VideoJobState.Unknown, VideoJobState.Running));
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }
}
