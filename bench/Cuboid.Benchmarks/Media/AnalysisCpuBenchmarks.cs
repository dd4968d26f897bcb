using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Cuboid.Media;
using Cuboid.Media.Analysis;

namespace Cuboid.Benchmarks.Media;

/// <summary>
/// CPU seconds (this process plus its reaped ffmpeg children, from /proc/self/stat) of a plain decode, the analysis
/// pass, and the pass with JPEG export, interleaved three times on the same file. On a machine shared with other work,
/// wall time measures the neighbours as much as the code; CPU time is what the pass costs. Printed as <c>CPU-TIME</c>
/// lines with median ratios.
/// Run: <c>dotnet run -c Release --project bench/Cuboid.Benchmarks -- --filter '*AnalysisCpu*'</c>.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 1)]
public class AnalysisCpuBenchmarks
{
    private const int Rounds = 3;
    private string _video = string.Empty;

    [Params(720, 1080)]
    public int Height { get; set; }

    /// <summary>Length of the benchmark file in minutes.</summary>
    [Params(1)]
    public int Minutes { get; set; }

    [GlobalSetup]
    public void Setup() => _video = AnalysisBenchVideos.BuildAsync(Height, Minutes).GetAwaiter().GetResult();

    [Benchmark]
    public async Task<double> CpuSeconds()
    {
        var folder = Path.Combine(Path.GetTempPath(), "cuboid-bench-cpu-export");
        var decode = new List<double>();
        var pass = new List<double>();
        var export = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            decode.Add(await MeasureAsync(() => MediaProcess.RunAsync(
                MediaTools.Default.FfmpegPath, ["-hide_banner", "-nostdin", "-loglevel", "error", "-threads", "2", "-i", _video, "-f", "null", "-"])));
            pass.Add(await MeasureAsync(() => AnalysisPass.RunAsync(_video, new AnalysisOptions { Threads = 2 })));
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }

            export.Add(await MeasureAsync(() => AnalysisPass.RunAsync(_video, new AnalysisOptions { Threads = 2, ExportDirectory = folder })));
        }

        double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"CPU-TIME {Height}p {Minutes}min decode={Median(decode):0.00}s pass={Median(pass):0.00}s pass+export={Median(export):0.00}s "
            + $"pass/decode={Median(pass) / Median(decode):0.000} export/decode={Median(export) / Median(decode):0.000} "
            + $"(runs: decode {string.Join('/', decode.Select(d => d.ToString("0.00", CultureInfo.InvariantCulture)))}, "
            + $"pass {string.Join('/', pass.Select(d => d.ToString("0.00", CultureInfo.InvariantCulture)))}, "
            + $"export {string.Join('/', export.Select(d => d.ToString("0.00", CultureInfo.InvariantCulture)))})"));
        return Median(pass) / Median(decode);
    }

    internal static async Task<double> MeasureAsync(Func<Task> run)
    {
        var before = CpuTicks();
        await run();
        await Task.Delay(50); // Let the runtime reap the ffmpeg child so its CPU time lands in ours.
        return (CpuTicks() - before) / 100.0;
    }

    /// <summary>utime + stime + cutime + cstime of this process, in clock ticks (100 per second on Linux).</summary>
    private static long CpuTicks()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // After the command name: state is field 3 of stat(5); utime..cstime are fields 14-17.
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)
            + long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
    }
}
