using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Cuboid.Media.Analysis;

namespace Cuboid.Benchmarks.Media;

/// <summary>
/// Peak memory of the analysis pass (with export) on 1080p files of two lengths: this process's resident memory plus
/// its ffmpeg child's, sampled every 10 ms (Linux /proc). The peak is printed as <c>PEAK-MEMORY</c> lines in the log;
/// the bar is 300 MB, and the two lengths should peak about the same.
/// Run: <c>dotnet run -c Release --project bench/Cuboid.Benchmarks -- --filter '*AnalysisMemory*'</c>.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 1)]
public class AnalysisMemoryBenchmarks
{
    private string _video = string.Empty;

    [Params(1, 4)]
    public int Minutes { get; set; }

    [GlobalSetup]
    public void Setup() => _video = AnalysisBenchVideos.BuildAsync(1080, Minutes).GetAwaiter().GetResult();

    [Benchmark]
    public async Task<long> PeakMemory()
    {
        var folder = Path.Combine(Path.GetTempPath(), "cuboid-bench-memory-export");
        using var sampling = new CancellationTokenSource();
        long peak = 0, peakManaged = 0, peakFfmpeg = 0;
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                var managed = ResidentMemory.Of(Environment.ProcessId);
                var children = ResidentMemory.Children(Environment.ProcessId).Sum(ResidentMemory.Of);
                if (managed + children > peak)
                {
                    (peak, peakManaged, peakFfmpeg) = (managed + children, managed, children);
                }

                await Task.Delay(10);
            }
        });

        var result = await AnalysisPass.RunAsync(_video, new AnalysisOptions { Threads = 2, ExportDirectory = folder });
        await sampling.CancelAsync();
        await sampler;
        Directory.Delete(folder, recursive: true);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"PEAK-MEMORY minutes={Minutes} frames={result.FrameCount} total={peak / 1048576.0:0.0}MB managed-process={peakManaged / 1048576.0:0.0}MB ffmpeg={peakFfmpeg / 1048576.0:0.0}MB managed-heap-now={GC.GetTotalMemory(false) / 1048576.0:0.0}MB"));
        return peak;
    }
}
