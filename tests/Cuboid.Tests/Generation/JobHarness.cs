using Cuboid.Generation;
using Cuboid.Generation.Catalog;
using Cuboid.Generation.Jobs;
using Cuboid.Storage;
using Cuboid.Testing.Generation;

namespace Cuboid.Tests.Generation;

/// <summary>A job store in a fresh temporary folder and a runner over the simulator, polling every few milliseconds.</summary>
internal sealed class JobHarness : IDisposable
{
    public static readonly VideoJobRunnerOptions FastPolling = new()
    {
        MinPollInterval = TimeSpan.FromMilliseconds(5),
        MaxPollInterval = TimeSpan.FromMilliseconds(50),
        MinHintedPollInterval = TimeSpan.FromMilliseconds(5),
    };

    public static readonly IReadOnlyList<VideoPrice> TestPrices =
        [new("90p", false, 0.10m), new("90p", true, 0.15m), new("180p", false, 0.20m), new("180p", true, 0.30m)];

    private readonly VideoJobRunnerOptions _options;

    public JobHarness(VideoHostSimulator sim, string? folder = null, VideoJobRunnerOptions? options = null)
    {
        _options = options ?? FastPolling;
        Folder = folder ?? Path.Combine(Path.GetTempPath(), "cuboid-jobs-" + Guid.NewGuid().ToString("N"));
        Store = SqliteVideoJobStore.Open(Folder);
        Runner = NewRunner(sim);
    }

    public string Folder { get; }

    public SqliteVideoJobStore Store { get; }

    public VideoJobRunner Runner { get; }

    /// <summary>A second runner on the same store: what a restarted process has.</summary>
    public VideoJobRunner NewRunner(VideoHostSimulator sim) =>
        new(SqliteVideoJobStore.Open(Folder), new SimulatorGenerators(sim), _options) { StartDeadline = TimeSpan.FromSeconds(5) };

    public static VideoJobSubmission Submission(string host, string model, VideoSize? size = null, int seconds = 2, int? fps = null,
        bool audio = false, string prompt = "a red kite over the sea", Microsoft.Extensions.AI.DataContent? firstFrame = null)
    {
        var asked = size ?? new VideoSize(160, 90);
        return new VideoJobSubmission
        {
            Host = host,
            HostModel = model,
            Task = firstFrame is null ? "t2v" : "i2v",
            Request = new VideoGenerationRequest(prompt) { FirstFrame = firstFrame },
            Options = new VideoGenerationOptions { ModelId = model, Size = asked, Seconds = seconds, FramesPerSecond = fps, GenerateAudio = audio },
            Record = new VideoJobRequest { Prompt = prompt, Size = asked, Seconds = seconds, FramesPerSecond = fps, Audio = audio },
            EstimatedCost = 0.10m * seconds,
            Prices = TestPrices,
        };
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
