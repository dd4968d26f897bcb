using Cuboid.Server.Analyses;
using Cuboid.Server.Batches;
using Cuboid.Server.Blobs;
using Cuboid.Server.Gateway;
using Cuboid.Server.Keys;
using Cuboid.Server.Store;
using Cuboid.Storage;
using Cuboid.Testing.Simulators;
using Cuboid.Testing.Video;
using Cuboid.Understanding;
using Hangfire;
using Hangfire.InMemory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cuboid.Tests.Server.Batches;

/// <summary>
/// Each step of a video's analysis run twice on purpose (as a queue may run it after a worker dies): the provider sees
/// each caption and transcript once, the step rows book each step once, and a step run again by a fresh item (no step
/// row, as after a crash before booking) is served by the cache.
/// </summary>
public sealed class AnalysisStepsTests(GatewaySimulatorFixture fixture) : IClassFixture<GatewaySimulatorFixture>, IDisposable
{
    private readonly ProviderSimulator _sim = fixture.Fresh();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cuboid-steps-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task Every_step_run_twice_pays_once_books_once_and_writes_one_report()
    {
        var video = await VideoBuilder.BuildAsync(new VideoRecipe { Seconds = 6, Source = "smptebars" });
        using var host = new GatewayHost(_sim);
        var (steps, store, blobs) = Steps(host.Models);
        var item = await AddItemAsync(store, blobs, video);

        await steps.PrepareAsync(item.Id, null, CancellationToken.None);
        await steps.PrepareAsync(item.Id, null, CancellationToken.None);
        var listed = store.Steps(item.Id).Keys.Where(s => s.StartsWith("caption-", StringComparison.Ordinal)).ToList();
        for (var batch = 0; batch < listed.Count; batch++)
        {
            await steps.CaptionAsync(item.Id, batch, null, CancellationToken.None);
            await steps.CaptionAsync(item.Id, batch, null, CancellationToken.None);
        }

        await steps.TranscribeAsync(item.Id, null, CancellationToken.None);
        await steps.TranscribeAsync(item.Id, null, CancellationToken.None);
        var captionCalls = _sim.Requests.Count(r => r.Model == GatewayHost.Primary);
        var spentBeforeFinish = store.SpentBy(item.BatchId);
        await steps.FinishAsync(item.Id, null, CancellationToken.None);
        await steps.FinishAsync(item.Id, null, CancellationToken.None);
        var done = store.FindItem(item.Id)!;
        Assert.True(done.Status == BatchItemStatus.Completed, done.Error);
        await using var report = await blobs.OpenReadAsync(AnalysisSteps.ReportKey(item.Id, "report.json"), CancellationToken.None);
        var samples = System.Text.Json.Nodes.JsonNode.Parse(report!)!["samples"]!.AsArray();

        Assert.NotEmpty(listed);
        Assert.Equal(BatchItemStatus.Completed, done.Status);
        Assert.Equal(samples.Count, captionCalls);
        Assert.Equal(captionCalls, _sim.Requests.Count(r => r.Model == GatewayHost.Primary));
        Assert.Equal(1, _sim.Requests.Count(r => r.Model == "whisper-1"));
        Assert.True(spentBeforeFinish > 0);
        Assert.Equal(spentBeforeFinish, store.SpentBy(item.BatchId));
        Assert.Equal(spentBeforeFinish, done.Dollars);
        Assert.All(samples, s => Assert.NotNull(s!["caption"]));

        // A step whose first run paid but died before it was booked runs again with no row to stop it: the cache pays nothing.
        var rerun = await AddItemAsync(store, blobs, video);
        await steps.PrepareAsync(rerun.Id, null, CancellationToken.None);
        for (var batch = 0; batch < listed.Count; batch++)
        {
            await steps.CaptionAsync(rerun.Id, batch, null, CancellationToken.None);
        }

        await steps.TranscribeAsync(rerun.Id, null, CancellationToken.None);
        Assert.Equal(captionCalls, _sim.Requests.Count(r => r.Model == GatewayHost.Primary));
        Assert.Equal(1, _sim.Requests.Count(r => r.Model == "whisper-1"));
        Assert.Equal(0m, store.SpentBy(rerun.BatchId));
    }

    [Fact]
    public async Task The_finish_step_replays_the_recorded_pass_and_writes_the_report_a_plain_analyze_writes()
    {
        var video = await VideoBuilder.BuildAsync(new VideoRecipe { Seconds = 8, Source = "testsrc2" });
        using var host = new GatewayHost(_sim);
        var (steps, store, blobs) = Steps(host.Models);
        var item = await AddItemAsync(store, blobs, video);
        await steps.PrepareAsync(item.Id, null, CancellationToken.None);
        for (var batch = 0; batch < store.Steps(item.Id).Keys.Count(s => s.StartsWith("caption-", StringComparison.Ordinal)); batch++)
        {
            await steps.CaptionAsync(item.Id, batch, null, CancellationToken.None);
        }

        await steps.TranscribeAsync(item.Id, null, CancellationToken.None);
        // The finish step reads no video: the upload's bytes are gone, only its name is left, and the report is still whole.
        var upload = ((DirectoryBlobStore)blobs).PathOf(AnalysisSteps.VideoKey(item.ContentHash));
        File.Move(upload, upload + ".away");
        await File.WriteAllBytesAsync(upload, []);
        await steps.FinishAsync(item.Id, null, CancellationToken.None);
        File.Move(upload + ".away", upload, overwrite: true);
        Assert.Equal(BatchItemStatus.Completed, store.FindItem(item.Id)!.Status);
        await using var stepsReport = await blobs.OpenReadAsync(AnalysisSteps.ReportKey(item.Id, "report.json"), CancellationToken.None);

        // The same video analysed in one go, on a cache of its own (so every answer is a fresh call).
        var named = Path.Combine(_folder, "plain", "talk.mp4");
        Directory.CreateDirectory(Path.GetDirectoryName(named)!);
        File.Copy(video, named);
        var plainCache = AnalysisCache.Open(Path.Combine(_folder, "plain-cache"));
        var plain = new AnalysisGateway(new ServiceCollection().AddSingleton(host.Models.Router).AddSingleton<IAnalysisCache>(plainCache).BuildServiceProvider());
        var output = Path.Combine(_folder, "plain", "out");
        await plain.RunAsync(new AnalyzeRequest { VideoPath = named, OutputDirectory = output, Sampling = new SamplingSettings(2) }, null, _ => { }, CancellationToken.None);

        var expected = WithoutRunFacts(System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(output, "report.json")))!);
        var actual = WithoutRunFacts(System.Text.Json.Nodes.JsonNode.Parse(stepsReport!)!);
        Assert.NotEmpty(actual["transcript"]!.AsArray());
        Assert.NotEmpty(actual["scenes"]!.AsArray());
        Assert.Equal(expected.ToJsonString(), actual.ToJsonString());
    }

    /// <summary>What differs between two runs of one video by design: when, what it cost and what the cache served.</summary>
    private static System.Text.Json.Nodes.JsonNode WithoutRunFacts(System.Text.Json.Nodes.JsonNode report)
    {
        var root = report.AsObject();
        root.Remove("createdAt");
        root.Remove("usage");
        root["duplicates"]!.AsObject().Remove("dollarsSaved");
        foreach (var sample in root["samples"]!.AsArray())
        {
            sample!.AsObject().Remove("fromCache");
        }

        return root;
    }

    [Fact]
    public async Task A_step_of_a_video_whose_upload_is_gone_fails_that_video_only()
    {
        var video = await VideoBuilder.BuildAsync(new VideoRecipe { Seconds = 2 });
        using var host = new GatewayHost(_sim);
        var (steps, store, blobs) = Steps(host.Models);
        var broken = await AddItemAsync(store, blobs, video);
        File.Delete(((DirectoryBlobStore)blobs).PathOf(AnalysisSteps.VideoKey(broken.ContentHash)));

        await steps.PrepareAsync(broken.Id, null, CancellationToken.None);

        var failed = store.FindItem(broken.Id)!;
        Assert.Equal(BatchItemStatus.Failed, failed.Status);
        Assert.StartsWith("prepare: the upload of", failed.Error, StringComparison.Ordinal);
        Assert.Empty(_sim.Calls);
    }

    private (AnalysisSteps Steps, IBatchStore Store, IBlobStore Blobs) Steps(GatewayModels models)
    {
        // Hangfire's log provider is a static another test's host may have left behind, disposed: log nowhere here.
        GlobalConfiguration.Configuration.UseLogProvider(new Cuboid.Server.Jobs.HostLogProvider(NullLoggerFactory.Instance));
        var store = SqliteBatchStore.Open(_folder);
        var blobs = new DirectoryBlobStore(Path.Combine(_folder, "blobs"));
        // A queue no server reads: the steps are run here, by hand, twice.
        var scheduler = new StepScheduler(new BackgroundJobClient(new InMemoryStorage()), store);
        var gateway = GatewayStore.Open(_folder);
        var cache = AnalysisCache.Open(Path.Combine(_folder, "cache"));
        var steps = new AnalysisSteps(store, blobs, scheduler, models, new AnalysisGateway(new ServiceCollection().AddSingleton(models.Router).AddSingleton<IAnalysisCache>(cache).BuildServiceProvider()), cache,
            gateway, new KeyBudgets(gateway, models, TimeProvider.System), new StepBooking(store, gateway), TimeProvider.System, NullLogger<AnalysisSteps>.Instance);
        return (steps, store, blobs);
    }

    private static async Task<BatchItem> AddItemAsync(IBatchStore store, IBlobStore blobs, string video)
    {
        var batch = new BatchRecord { Id = "batch_" + Guid.NewGuid().ToString("N")[..12], Settings = new AnalysisSettings { EverySeconds = 2 }, CreatedAt = DateTimeOffset.UtcNow };
        store.AddBatch(batch);
        var hash = await ContentHash.OfFileAsync(video);
        await using (var content = File.OpenRead(video))
        {
            await blobs.PutAsync(AnalysisSteps.VideoKey(hash), content, CancellationToken.None);
        }

        var item = new BatchItem { Id = "video_" + Guid.NewGuid().ToString("N")[..12], BatchId = batch.Id, Name = "talk.mp4", ContentHash = hash, Status = BatchItemStatus.Queued, CreatedAt = DateTimeOffset.UtcNow };
        store.AddItem(item, null, IBatchStore.SettingsKey(batch.Settings));
        return item;
    }
}
