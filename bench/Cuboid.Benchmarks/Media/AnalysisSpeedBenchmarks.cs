using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Cuboid.Media;
using Cuboid.Media.Analysis;

namespace Cuboid.Benchmarks.Media;

/// <summary>
/// The analysis pass against a plain <c>ffmpeg -threads 2 -i FILE -f null -</c> decode of the same file, side by side
/// (the baseline). Bars: the pass at least 0.9× plain decode speed (ratio ≤ 1.11); the pass plus JPEG export of a frame
/// every 5 s and after every cut at most 1.2× the decode time.
/// Run: <c>dotnet run -c Release --project bench/Cuboid.Benchmarks -- --filter '*AnalysisSpeed*'</c>.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class AnalysisSpeedBenchmarks
{
    private const int Threads = 2;
    private string _video = string.Empty;
    private string _exportFolder = string.Empty;

    [Params(720, 1080)]
    public int Height { get; set; }

    /// <summary>Length of the benchmark file in minutes.</summary>
    [Params(1)]
    public int Minutes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _video = AnalysisBenchVideos.BuildAsync(Height, Minutes).GetAwaiter().GetResult();
        _exportFolder = Path.Combine(Path.GetTempPath(), "cuboid-bench-export");
    }

    [Benchmark(Baseline = true, Description = "ffmpeg -f null decode")]
    public async Task<int> PlainDecode()
    {
        var run = await MediaProcess.RunAsync(
            MediaTools.Default.FfmpegPath,
            ["-hide_banner", "-nostdin", "-loglevel", "error", "-threads", "2", "-i", _video, "-f", "null", "-"]);
        return run.ExitCode;
    }

    [Benchmark(Description = "analysis pass")]
    public async Task<long> Analysis()
    {
        var result = await AnalysisPass.RunAsync(_video, new AnalysisOptions { Threads = Threads });
        return result.FrameCount;
    }

    [Benchmark(Description = "analysis pass + JPEG export")]
    public async Task<int> AnalysisWithExport()
    {
        if (Directory.Exists(_exportFolder))
        {
            Directory.Delete(_exportFolder, recursive: true);
        }

        var result = await AnalysisPass.RunAsync(_video, new AnalysisOptions { Threads = Threads, ExportDirectory = _exportFolder });
        return result.Samples.Count;
    }
}
