using System.Net;
using System.Net.Http.Json;
using Cuboid.Generation;
using Cuboid.Generation.Providers.Runway;
using Cuboid.Testing.Generation;
using Microsoft.Extensions.AI;

namespace Cuboid.Tests.Generation.Providers;

/// <summary>Runway's task protocol against its own simulator instance (this class slows jobs down to see THROTTLED).</summary>
public sealed class RunwayVideoGeneratorTests : IAsyncLifetime
{
    private VideoHostSimulator _sim = null!;

    public async Task InitializeAsync()
    {
        _sim = await VideoHostSimulator.StartAsync();
        _sim.PollsToFinish = 4;
    }

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    [Fact]
    public async Task A_job_moves_pending_throttled_running_succeeded_with_the_version_header_on_every_call()
    {
        using var harness = new JobHarness(_sim);
        var states = new List<VideoJobState>();
        harness.Runner.Changed += job =>
        {
            if (states.Count == 0 || states[^1] != job.State)
            {
                states.Add(job.State);
            }
        };

        var outcome = await harness.Runner.SubmitAsync(JobHarness.Submission("runway", "gen4.5"));
        var job = await harness.Runner.WaitAsync(outcome.Job.Id);

        Assert.Equal([VideoJobState.Submitting, VideoJobState.Pending, VideoJobState.Throttled, VideoJobState.Running, VideoJobState.Succeeded], states);
        Assert.Equal("SUCCEEDED", job.RawState);
        Assert.Equal((160, 90), (job.Outputs[0].Width, job.Outputs[0].Height));
        Assert.Equal(0, _sim.RunwayUnversionedRequests);
        Assert.Equal(0, _sim.KeyedFileRequests);
    }

    [Fact]
    public async Task A_request_without_the_version_header_is_refused_and_makes_no_job()
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_sim.BaseUrlFor("runway"), "v1/text_to_video"))
        {
            Content = JsonContent.Create(new { model = "gen4.5", promptText = "a kite" }),
        };
        request.Headers.Authorization = new("Bearer", _sim.ApiKey);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, _sim.CreateCount("gen4.5"));
        Assert.Equal(1, _sim.RunwayUnversionedRequests);
    }

    [Fact]
    public async Task First_and_last_frames_go_as_prompt_images_with_positions_and_the_clip_starts_from_the_first()
    {
        using var harness = new JobHarness(_sim);
        var red = new DataContent(await File.ReadAllBytesAsync(await TestImages.SolidPngAsync("red")), "image/png");
        var blue = new DataContent(await File.ReadAllBytesAsync(await TestImages.SolidPngAsync("blue")), "image/png");
        var submission = JobHarness.Submission("runway", "veo3.1", firstFrame: red);
        submission = submission with { Request = submission.Request with { LastFrame = blue } };

        var job = await harness.Runner.WaitAsync((await harness.Runner.SubmitAsync(submission)).Job.Id);

        Assert.Equal(VideoJobState.Succeeded, job.State);
        Assert.Equal(red.Data.ToArray(), _sim.Jobs.Single(j => j.Model == "veo3.1").Spec.FirstFrame);
    }

    [Fact]
    public async Task A_cancel_is_a_delete_and_the_job_ends_cancelled()
    {
        using var harness = new JobHarness(_sim);
        var outcome = await harness.Runner.SubmitAsync(JobHarness.Submission("runway", "gen4-cancel"));

        await harness.Runner.CancelAsync(outcome.Job.Id);
        var job = await harness.Runner.WaitAsync(outcome.Job.Id);

        Assert.Equal((VideoJobState.Cancelled, "CANCELLED"), (job.State, job.RawState));
        Assert.True(_sim.Jobs.Single(j => j.Model == "gen4-cancel").CancelRequested);
    }

    [Fact]
    public async Task A_failed_task_keeps_runways_failure_and_code()
    {
        using var harness = new JobHarness(_sim);
        _sim.Script("gen4-fail", VideoFault.FailAfterRunning);

        var job = await harness.Runner.WaitAsync((await harness.Runner.SubmitAsync(JobHarness.Submission("runway", "gen4-fail"))).Job.Id);

        Assert.Equal((VideoJobState.Failed, "FAILED"), (job.State, job.RawState));
        Assert.Contains("(INTERNAL)", job.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_prompt_over_runways_limit_is_refused_before_anything_is_sent()
    {
        using var generator = new RunwayVideoGenerator(_sim.Endpoint("runway"), new HttpClient());

        var error = await Assert.ThrowsAsync<CuboidException>(() =>
            generator.SubmitAsync(new VideoGenerationRequest(new string('a', 1001)), new VideoGenerationOptions { ModelId = "gen4.5" }));

        Assert.Equal(ErrorKind.Usage, error.Kind);
        Assert.Equal(0, _sim.CreateCount("gen4.5"));
    }
}
