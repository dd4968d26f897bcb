using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Cuboid.Benchmarks.Media;
using Cuboid.Generation.LongForm;
using Cuboid.Media;
using Cuboid.Media.Analysis;

namespace Cuboid.Benchmarks.Generation;

/// <summary>
/// <c>cuboid drift</c>'s library call against a plain ffmpeg decode of the same long 720p file, side by side: the
/// decode, the bare analysis pass (128 px, no consumers) and the drift measurement (192 px, every metric), interleaved
/// per round. Prints <c>DRIFT</c> lines with wall and CPU seconds (this process plus its ffmpeg children) and the
/// median ratios to the decode. Goal: drift at no less than 0.9× the decode's speed (ratio ≤ 1.11).
/// Run: <c>CUBOID_BENCH_MINUTES=10 dotnet run -c Release --project bench/Cuboid.Benchmarks -- --filter '*DriftSpeed*'</c>
/// (the file length defaults to 10 minutes; a shorter one keeps a run on a busy machine short).
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 1)]
public class DriftSpeedBenchmarks
{
    private const int Rounds = 3;
    private string _video = string.Empty;

    public static int Minutes =>
        int.TryParse(Environment.GetEnvironmentVariable("CUBOID_BENCH_MINUTES"), CultureInfo.InvariantCulture, out var minutes) ? minutes : 10;

    [GlobalSetup]
    public void Setup() => _video = AnalysisBenchVideos.BuildAsync(720, Minutes).GetAwaiter().GetResult();

    [Benchmark]
    public async Task<double> DriftAgainstDecode()
    {
        var wall = new Dictionary<string, List<double>> { ["decode"] = [], ["pass"] = [], ["drift"] = [] };
        var cpu = new Dictionary<string, List<double>> { ["decode"] = [], ["pass"] = [], ["drift"] = [] };
        for (var round = 0; round < Rounds; round++)
        {
            await MeasureAsync("decode", () => MediaProcess.RunAsync(
                MediaTools.Default.FfmpegPath, ["-hide_banner", "-nostdin", "-loglevel", "error", "-i", _video, "-f", "null", "-"]), wall, cpu);
            await MeasureAsync("pass", () => AnalysisPass.RunAsync(_video, new AnalysisOptions { SampleInterval = null, SampleAfterCuts = false }), wall, cpu);
            await MeasureAsync("drift", () => DriftAnalyzer.MeasureAsync(_video), wall, cpu);
        }

        double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
        string Runs(List<double> values) => string.Join('/', values.Select(v => v.ToString("0.0", CultureInfo.InvariantCulture)));
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"DRIFT 720p {Minutes}min wall: decode={Median(wall["decode"]):0.0}s pass={Median(wall["pass"]):0.0}s drift={Median(wall["drift"]):0.0}s "
            + $"drift/decode={Median(wall["drift"]) / Median(wall["decode"]):0.000} pass/decode={Median(wall["pass"]) / Median(wall["decode"]):0.000} "
            + $"(runs: decode {Runs(wall["decode"])}, pass {Runs(wall["pass"])}, drift {Runs(wall["drift"])})"));
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"DRIFT 720p {Minutes}min cpu: decode={Median(cpu["decode"]):0.0}s pass={Median(cpu["pass"]):0.0}s drift={Median(cpu["drift"]):0.0}s "
            + $"drift/decode={Median(cpu["drift"]) / Median(cpu["decode"]):0.000} pass/decode={Median(cpu["pass"]) / Median(cpu["decode"]):0.000} "
            + $"(runs: decode {Runs(cpu["decode"])}, pass {Runs(cpu["pass"])}, drift {Runs(cpu["drift"])})"));
        return Median(wall["drift"]) / Median(wall["decode"]);
    }

    private static async Task MeasureAsync(string name, Func<Task> run, Dictionary<string, List<double>> wall, Dictionary<string, List<double>> cpu)
    {
        var clock = Stopwatch.StartNew();
        cpu[name].Add(await AnalysisCpuBenchmarks.MeasureAsync(run));
        wall[name].Add(clock.Elapsed.TotalSeconds);
    }
}
