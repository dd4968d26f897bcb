using Cuboid.Generation;
using Cuboid.Generation.Jobs;
using Cuboid.Generation.LongForm;
using Cuboid.Media;
using Cuboid.Portfolio;
using Cuboid.Storage;
using Cuboid.Testing.Generation;
using Cuboid.Tests.Portfolio;

namespace Cuboid.Tests.Generation;

/// <summary>
/// <c>generate --extend</c> against the simulator: each protocol's own extension request (Veo's <c>video.uri</c>, fal's and
/// Replicate's <c>video_url</c>, the OpenAI Videos shape's <c>POST /videos/extensions</c>), routed only to routes that can
/// extend this source, priced, booked, and rendered from the source's last frame.
/// </summary>
public sealed class ExtensionTests(VideoSimulatorFixture fixture) : IClassFixture<VideoSimulatorFixture>, IDisposable
{
    private static readonly HttpClient Http = new();
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cuboid-extend-" + Guid.NewGuid().ToString("N"));
    private readonly string _key = "CUBOID_TEST_VIDEO_KEY_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    private VideoHostSimulator Sim => fixture.Sim;

    private GenerationSession Session(decimal? budget = null) => new(
        TestVideoCatalog.WithDelta(Sim, _key, Today),
        SqliteVideoJobStore.Open(_folder),
        new MapEnvironment(new Dictionary<string, string> { [_key] = Sim.ApiKey }),
        Http,
        new RunScope(new RunOptions { Budget = budget }),
        runnerOptions: JobHarness.FastPolling);

    private static GenerateRequest Request(string? model = null, string? first = null, string? extend = null) =>
        new() { Prompt = "a lighthouse at dusk", Seconds = 2, Resolution = "90p", AspectRatio = "16:9", Model = model, FirstFramePath = first, ExtendJobId = extend };

    [Theory]
    [InlineData("test:alpha", "replicate", "replicate")]
    [InlineData("test:gamma", "veo", "veo")]
    [InlineData("test:delta", "openai", "openai")]
    public async Task An_extension_goes_to_a_route_that_can_extend_this_source_and_continues_from_its_last_frame(string model, string sourceHost, string extensionHost)
    {
        var session = Session();
        var first = model == "test:gamma" ? await TestImages.AnchorPngAsync() : null;
        var source = (await session.GenerateAsync(Request(model, first))).Job;
        Assert.Equal(sourceHost, source.Host);

        var outcome = await session.GenerateAsync(Request(extend: source.Id));

        var job = outcome.Job;
        Assert.Equal(VideoJobState.Succeeded, job.State);
        Assert.Equal("extend", job.Task);
        Assert.Equal(extensionHost, job.Host);
        Assert.Equal(source.Id, job.Request.Extends);
        // Hosts that extend by reference take only their own videos; a Veo URI or an id is no URL another host can fetch.
        var skipped = outcome.Plan.Skipped.Select(s => s.Reason).ToList();
        if (sourceHost != "replicate")
        {
            Assert.Contains(skipped, r => r.StartsWith("needs the video at a URL it can fetch", StringComparison.Ordinal));
        }

        Assert.Contains(skipped, r => r.StartsWith("extends only videos it made", StringComparison.Ordinal));
        var simulated = Sim.Jobs.Single(j => j.Id == job.ProviderJobId!.Split('/')[^1]);
        Assert.Equal(source.ProviderJobId!.Split('/')[^1], simulated.Extends);
        // The extension is the source's size and starts where the source ended.
        Assert.Equal((source.Outputs[0].Width, source.Outputs[0].Height), (job.Outputs[0].Width, job.Outputs[0].Height));
        var sourceLast = await LabOfAsync(source.Outputs[0], last: true);
        var sourceFirst = await LabOfAsync(source.Outputs[0], last: false);
        var extensionFirst = await LabOfAsync(job.Outputs[0], last: false);
        Assert.True(extensionFirst.DeltaE(sourceLast) < 2, $"the extension's first frame is {extensionFirst.DeltaE(sourceLast):0.00} from the source's last");
        Assert.True(extensionFirst.DeltaE(sourceFirst) > extensionFirst.DeltaE(sourceLast));
        // Priced at the route's per-second price and booked like any job.
        Assert.True(job.EstimatedCost > 0);
        Assert.Equal(job.ActualCost, session.Ledger.Records[^1].Dollars);
        Assert.Equal("extend", session.Ledger.Records[^1].Task);
    }

    [Fact]
    public async Task Extending_an_unknown_unfinished_or_unextendable_job_is_one_clear_usage_error()
    {
        var session = Session();
        var unknown = await Assert.ThrowsAsync<CuboidException>(() => session.GenerateAsync(Request(extend: "fal.0123456789abcdef0123456789abcdef")));
        Assert.Equal((ErrorKind.Usage, CuboidErrorCodes.JobNotFound), (unknown.Kind, unknown.Code));

        var running = (await session.GenerateAsync(Request("test:alpha"), wait: false)).Job;
        var unfinished = await Assert.ThrowsAsync<CuboidException>(() => session.GenerateAsync(Request(extend: running.Id)));
        Assert.Equal((ErrorKind.Usage, CuboidErrorCodes.JobState), (unfinished.Kind, unfinished.Code));
        Assert.Contains("only a finished job's video can be extended", unfinished.Message, StringComparison.Ordinal);

        var done = await session.Runner.WaitAsync(running.Id);
        var creates = Sim.CreateCount();
        var noExtension = await Assert.ThrowsAsync<CuboidException>(() => session.GenerateAsync(Request("test:beta", extend: done.Id)));
        Assert.Equal((ErrorKind.Usage, CuboidErrorCodes.ModelUnsuitable), (noExtension.Kind, noExtension.Code));
        Assert.Equal(creates, Sim.CreateCount());
    }

    [Fact]
    public async Task An_extension_over_the_budget_is_refused_before_any_create()
    {
        var session = Session(budget: 0.20m);
        var source = (await session.GenerateAsync(Request("test:alpha"))).Job;
        var creates = Sim.CreateCount();

        var error = await Assert.ThrowsAsync<CuboidException>(() => session.GenerateAsync(Request(extend: source.Id)));

        Assert.Equal(ErrorKind.Budget, error.Kind);
        Assert.Equal(creates, Sim.CreateCount());
    }

    private async Task<LabColor> LabOfAsync(VideoJobOutput output, bool last)
    {
        var png = Path.Combine(_folder, $"{Guid.NewGuid():N}.png");
        var picture = last
            ? await FrameGrab.LastAsync(output.Path, output.Width, output.Height, png, MediaTools.Default, CancellationToken.None)
            : await FrameGrab.FirstAsync(output.Path, output.Width, output.Height, png, MediaTools.Default, CancellationToken.None);
        return PictureFile.MeanLab(picture);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
