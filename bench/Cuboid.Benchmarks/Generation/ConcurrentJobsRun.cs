using System.Diagnostics;
using System.Globalization;
using Cuboid.Generation;
using Cuboid.Generation.Jobs;
using Cuboid.Generation.Providers;
using Cuboid.Storage;
using Cuboid.Testing.Generation;

namespace Cuboid.Benchmarks.Generation;

/// <summary>
/// <c>dotnet run -c Release --project bench/Cuboid.Benchmarks -- video-jobs [jobs] [rounds]</c>: that many jobs at once
/// through one <see cref="VideoJobRunner"/> against the in-process video simulator (all six protocols in turn; each job
/// runs five polls, the simulator hints 200 ms), every output downloaded, hashed and probed with ffprobe. Reports per
/// round: wall time, the process's peak working set (simulator included) sampled every 20 ms and the OS peak, polls per
/// job and per job-minute, CPU per job (this process plus the ffprobe children it waited for), and lost transitions
/// (jobs that did not end succeeded with one output). Not a BenchmarkDotNet suite: one concurrent burst is the measurement.
/// </summary>
internal static class ConcurrentJobsRun
{
    public static async Task RunAsync(int jobs, int rounds)
    {
        await using var sim = await VideoHostSimulator.StartAsync();
        sim.PollsToFinish = 5;
        sim.PollAfter = TimeSpan.FromMilliseconds(200);
        var folder = Path.Combine(Path.GetTempPath(), "cuboid-bench-jobs-" + Guid.NewGuid().ToString("N"));
        using var http = new HttpClient();
        var runner = new VideoJobRunner(SqliteVideoJobStore.Open(folder), new Generators(sim, http), new VideoJobRunnerOptions
        {
            MinPollInterval = TimeSpan.FromMilliseconds(200),
            MaxPollInterval = TimeSpan.FromSeconds(2),
            MinHintedPollInterval = TimeSpan.FromMilliseconds(100),
        });
        try
        {
            // The simulator renders one MP4 per spec and caches it: render it before measuring.
            await RunJobsAsync(runner, 1, "warm-up");
            Console.WriteLine("jobs,round,wall_s,peak_ws_mb_sampled,peak_ws_mb_os,polls_per_job_median,polls_per_job_minute_median,cpu_ms_per_job,child_cpu_ms_per_job,lost");
            for (var round = 1; round <= rounds; round++)
            {
                GC.Collect();
                using var process = Process.GetCurrentProcess();
                var cpuBefore = process.TotalProcessorTime;
                var childBefore = ChildCpu();
                long peak = 0;
                using var sampling = new CancellationTokenSource();
                var sampler = Task.Run(async () =>
                {
                    while (!sampling.IsCancellationRequested)
                    {
                        process.Refresh();
                        peak = Math.Max(peak, process.WorkingSet64);
                        await Task.Delay(20, CancellationToken.None);
                    }
                });
                var clock = Stopwatch.StartNew();
                var finished = await RunJobsAsync(runner, jobs, $"r{round}");
                clock.Stop();
                await sampling.CancelAsync();
                await sampler;
                process.Refresh();
                var cpu = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / jobs;
                var child = (ChildCpu() - childBefore).TotalMilliseconds / jobs;
                var lost = finished.Count(j => j.State != VideoJobState.Succeeded || j.Outputs.Count != 1);
                var polls = Median(finished.Select(j => (double)j.Polls));
                var perMinute = Median(finished.Select(j => j.Polls / Math.Max(1e-9, ((j.FinishedAt ?? j.UpdatedAt) - j.CreatedAt).TotalMinutes)));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{jobs},{round},{clock.Elapsed.TotalSeconds:0.0},{peak / 1048576.0:0},{process.PeakWorkingSet64 / 1048576.0:0},{polls:0},{perMinute:0},{cpu:0.0},{child:0.0},{lost}"));
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<VideoJob[]> RunJobsAsync(VideoJobRunner runner, int jobs, string tag)
    {
        var protocols = VideoHostSimulator.Protocols;
        return await Task.WhenAll(Enumerable.Range(0, jobs).Select(async i =>
        {
            var host = protocols[i % protocols.Count];
            var size = new VideoSize(160, 90);
            var outcome = await runner.SubmitAsync(new VideoJobSubmission
            {
                Host = host,
                HostModel = $"sim/bench-{host}",
                Task = "t2v",
                Request = new VideoGenerationRequest($"clip {tag}-{i}"),
                Options = new VideoGenerationOptions { ModelId = $"sim/bench-{host}", Size = size, Seconds = 2 },
                Record = new VideoJobRequest { Prompt = $"clip {tag}-{i}", Size = size, Seconds = 2 },
                EstimatedCost = 0.2m,
                Prices = [new("90p", null, 0.10m)],
            });
            try
            {
                return await runner.WaitAsync(outcome.Job.Id);
            }
            catch (CuboidException ex)
            {
                // Counted as lost (not succeeded with one output); the burst goes on.
                await Console.Error.WriteLineAsync($"job {outcome.Job.Id}: {ex.Message}");
                return runner.Require(outcome.Job.Id);
            }
        }));
    }

    // utime + stime of waited-for children (fields 16 and 17 of /proc/self/stat), in clock ticks of 10 ms.
    private static TimeSpan ChildCpu()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
        return TimeSpan.FromMilliseconds(ticks * 10);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private sealed class Generators(VideoHostSimulator sim, HttpClient http) : IVideoGeneratorSource
    {
        public IVideoGenerator For(string host) => VideoApiKinds.Create(sim.Endpoint(host), http);
    }
}
