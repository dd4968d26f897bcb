using System.Globalization;
using System.Text;
using Cuboid.Benchmarks.Server;
using Cuboid.Testing.Video;

namespace Cuboid.Benchmarks.Scale;

/// <summary>
/// <c>dotnet run -c Release --project bench/Cuboid.Benchmarks -- cluster-scaling [videos] [--rounds N] [--seconds S] [--concurrency C] [--out FILE]</c>:
/// the scale-out bars of issue 15 on real processes. A batch of tiny videos (cheap media passes) goes through one API
/// process and 1, 2 and 4 worker processes on a PostgreSQL queue, against the latency simulator (<see cref="LatencyProviders"/>),
/// with each worker's provider concurrency the limit, so throughput shows how the provider-bound part scales. Then a
/// round with Hangfire.PostgreSql's polling alone (no LISTEN/NOTIFY) for comparison, and the media queue alone
/// (structural batches: no provider step) on 1 and 2 workers, the CPU-bound part. Rounds are interleaved (1, 2, 4 then
/// 4, 2, 1) because the machine is shared; CPU time is counted per process from <c>/proc</c>. Every step's queue wait comes
/// from Hangfire's own state rows (<see cref="StepTimeline"/>).
/// </summary>
internal static class ClusterScalingRun
{
    private const double Every = 5;

    public static async Task RunAsync(string[] args)
    {
        var numbers = args.TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
        var videos = numbers.Length > 0 ? Parse(numbers[0]) : 40;
        var rounds = (int)Option(args, "--rounds", 2);
        var seconds = Option(args, "--seconds", 60);
        var providerSlots = (int)Option(args, "--providers", 1);
        // Caption calls at once inside one caption step (the batch's `concurrency`).
        var concurrency = (int)Option(args, "--concurrency", 4);
        var phases = OptionText(args, "--phases") ?? "scaling,polling,media";
        var output = OptionText(args, "--out") ?? "cluster-scaling.md";
        int[] workerCounts = [.. (OptionText(args, "--workers") ?? "1,2,4").Split(',').Select(Parse)];
        var queues = $"media:1,providers:{providerSlots}";

        var before = MachineConditions.Describe();
        var started = DateTimeOffset.UtcNow;
        await using var providers = await LatencyProviders.StartAsync();
        var corpus = new List<string>();
        for (var i = 0; i < videos; i++)
        {
            // Each video its own picture size, so no two share a cached caption; tiny and 5 fps, so decoding is cheap.
            corpus.Add(await VideoBuilder.BuildAsync(Recipe(seconds, 64 + (2 * i))));
        }

        // The warm-up (a fresh process's first steps pay for JIT and connections) and the short video measured alone.
        var warmUp = await VideoBuilder.BuildAsync(Recipe(seconds, 60));
        var single = await VideoBuilder.BuildAsync(Recipe(seconds, 62));
        var results = new List<ScalingRound>();
        for (var round = 0; round < rounds; round++)
        {
            var order = round % 2 == 0 ? workerCounts : [.. workerCounts.Reverse()];
            if (phases.Contains("scaling", StringComparison.Ordinal))
            {
                foreach (var workers in order)
                {
                    results.Add(await RoundAsync(providers, "providers", workers, queues, longPolling: true, offline: false, concurrency, corpus, warmUp, single));
                }
            }

            if (phases.Contains("polling", StringComparison.Ordinal))
            {
                results.Add(await RoundAsync(providers, "providers", 2, queues, longPolling: false, offline: false, concurrency, corpus, warmUp, single));
            }

            if (phases.Contains("media", StringComparison.Ordinal))
            {
                foreach (var workers in round % 2 == 0 ? new[] { 1, 2 } : [2, 1])
                {
                    results.Add(await RoundAsync(providers, "media", workers, "media:1", longPolling: true, offline: true, concurrency, corpus, warmUp, single));
                }
            }
        }

        var raw = new StringBuilder("kind,workers,long_polling,part,step,item,queue,enqueued_s,started_s,ended_s\n");
        foreach (var x in results)
        {
            var origin = x.SingleSteps.Concat(x.CorpusSteps).Min(s => s.EnqueuedAt);
            foreach (var (part, steps) in new[] { ("single", x.SingleSteps), ("batch", x.CorpusSteps) })
            {
                foreach (var step in steps)
                {
                    raw.Append(CultureInfo.InvariantCulture, $"{x.Kind},{x.Workers},{x.LongPolling},{part},").AppendLine(step.Csv(origin));
                }
            }
        }

        // Every step's times, to look at a run again without running it again.
        await File.WriteAllTextAsync(Path.ChangeExtension(output, ".steps.csv"), raw.ToString());
        var report = Report(results, started, before, MachineConditions.Describe(), videos, seconds, queues, concurrency);
        await File.WriteAllTextAsync(output, report);
        Console.WriteLine(report);
        Console.WriteLine($"written to {Path.GetFullPath(output)}");
    }

    private static VideoRecipe Recipe(double seconds, int width) => new() { Seconds = seconds, Width = width, Height = 36, Fps = 5 };

    private static async Task<ScalingRound> RoundAsync(LatencyProviders providers, string kind, int workers, string queues, bool longPolling, bool offline, int concurrency, IReadOnlyList<string> corpus, string warmUp, string single)
    {
        Console.Error.WriteLine($"{DateTime.UtcNow:HH:mm:ss} {kind}: {workers} worker(s), --queues {queues}, {(longPolling ? "LISTEN/NOTIFY" : "polling only")}");
        await using var cluster = await LocalCluster.StartAsync(providers, workers, queues, longPolling);
        await BatchSubmission.RunAsync(cluster.Client, [warmUp], Every, offline, concurrency);
        // Then the short video alone (its end-to-end time on warm processes), then the batch, its CPU counted from here.
        var singleItems = await BatchSubmission.RunAsync(cluster.Client, [single], Every, offline, concurrency);
        cluster.MarkCpu();
        var items = await BatchSubmission.RunAsync(cluster.Client, corpus, Every, offline, concurrency);
        var (api, workersCpu) = cluster.CpuSinceMark();
        var load = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
        var steps = await StepTimeline.ReadAsync(cluster.ConnectionString);
        var corpusItems = items.ToHashSet(StringComparer.Ordinal);
        var result = new ScalingRound(kind, workers, queues, longPolling, corpus.Count)
        {
            SingleSteps = [.. steps.Where(s => s.ItemId == singleItems[0])],
            CorpusSteps = [.. steps.Where(s => corpusItems.Contains(s.ItemId))],
            WorkersCpu = workersCpu,
            ApiCpu = api,
            LoadAverage = load,
        };
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {result.VideosPerMinute:0.0} videos/min over {result.Window.TotalSeconds:0.0} s, CPU per video: workers {result.WorkerCpuSecondsPerVideo:0.00} s, API {result.ApiCpuSecondsPerVideo:0.00} s; load {load}"));
        return result;
    }

    private static string Report(IReadOnlyList<ScalingRound> results, DateTimeOffset started, string before, string after, int videos, double seconds, string queues, int concurrency)
    {
        var r = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        r.AppendLine(c, $"Run {started:yyyy-MM-dd HH:mm} UTC, {DateTimeOffset.UtcNow - started:hh\\:mm\\:ss} long. Before: {before}. After: {after}.");
        r.AppendLine(c, $"Providers (loopback simulator): {LatencyProviders.Describe()}. Corpus: {videos} videos of {seconds:0} s, 64-142x36 px at 5 fps with a tone, a frame every {Every:0} s; batch caption concurrency {concurrency}.");
        r.AppendLine(c, $"Each cluster: a fresh PostgreSQL database as the queue, one `--role api` and N `--role worker` processes sharing a store folder; a warm-up video, then a short video alone, then the batch. CPU counted per process from /proc (user+sys, ffmpeg children included) for the batch.");
        r.AppendLine();
        Throughput(r, "Provider-bound: `--queues " + queues + "` per worker", [.. results.Where(x => x.Kind == "providers" && x.LongPolling)]);
        Throughput(r, "Media queue alone: structural batches (probe, decode pass, report; no provider step), `--queues media:1`", [.. results.Where(x => x.Kind == "media")]);
        r.AppendLine("Queue waits of the batch's steps: the whole wait (enqueue to start, capacity included), the wait of the steps enqueued while a worker was free, and the dispatch gap of every step (the free-worker wait, or the time from a slot freeing to the step starting):");
        r.AppendLine();
        r.AppendLine("| wake-up | queue | steps | wait p50 | wait p99 | with a free worker | p50 | p99 | dispatch gap p50 | p99 |");
        r.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var group in results.Where(x => x.Kind == "providers").GroupBy(x => x.LongPolling))
        {
            foreach (var queue in new[] { "media", "providers" })
            {
                var steps = group.SelectMany(x => x.CorpusSteps.Where(s => s.Queue == queue)
                    .Select(s => (Step: s, Free: s.HadFreeWorker(x.CorpusSteps, x.Slots(queue)), Gap: s.DispatchGap(x.CorpusSteps, x.Slots(queue))))).ToList();
                var all = steps.Select(s => s.Step.Wait.TotalMilliseconds).ToList();
                var free = steps.Where(s => s.Free).Select(s => s.Step.Wait.TotalMilliseconds).ToList();
                var gaps = steps.Select(s => s.Gap.TotalMilliseconds).ToList();
                r.AppendLine(c, $"| {(group.Key ? "LISTEN/NOTIFY" : "polling only")} | {queue} | {all.Count} | {Ms(all, 50)} | {Ms(all, 99)} | {free.Count} | {Ms(free, 50)} | {Ms(free, 99)} | {Ms(gaps, 50)} | {Ms(gaps, 99)} |");
            }
        }

        r.AppendLine();
        r.AppendLine("| wake-up | workers | short video end to end | its queue time (critical path) | share |");
        r.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var x in results.Where(x => x.Kind == "providers"))
        {
            r.AppendLine(c, $"| {(x.LongPolling ? "LISTEN/NOTIFY" : "polling only")} | {x.Workers} | {x.SingleEndToEnd.TotalSeconds:0.00} s | {x.SingleQueueTime.TotalMilliseconds:0} ms | {x.SingleQueueTime / x.SingleEndToEnd:P1} |");
        }

        return r.ToString();
    }

    private static void Throughput(StringBuilder r, string title, IReadOnlyList<ScalingRound> rounds)
    {
        if (rounds.Count == 0)
        {
            return;
        }

        var c = CultureInfo.InvariantCulture;
        r.AppendLine(c, $"{title}:");
        r.AppendLine();
        r.AppendLine("| workers | window | videos/min | workers' CPU per video | API CPU per video | media slot-s per video | provider slot-s per video | load after |");
        r.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var x in rounds)
        {
            r.AppendLine(c, $"| {x.Workers} | {x.Window.TotalSeconds:0.0} s | {x.VideosPerMinute:0.0} | {x.WorkerCpuSecondsPerVideo:0.00} s | {x.ApiCpuSecondsPerVideo:0.00} s | {x.SlotSecondsPerVideo("media"):0.00} s | {x.SlotSecondsPerVideo("providers"):0.00} s | {x.LoadAverage} |");
        }

        var medians = rounds.GroupBy(x => x.Workers).OrderBy(g => g.Key).Select(g => (Workers: g.Key, Rate: Median([.. g.Select(x => x.VideosPerMinute)]))).ToList();
        var baseline = medians[0].Rate;
        r.AppendLine();
        r.AppendLine(c, $"Median: {string.Join("; ", medians.Select(m => string.Create(c, $"{m.Workers} worker{(m.Workers == 1 ? "" : "s")} {m.Rate:0.0} videos/min ({m.Rate / baseline:0.00}x)")))}.");
        r.AppendLine();
    }

    private static string Ms(IReadOnlyList<double> values, double percentile) =>
        values.Count == 0 ? "—" : string.Create(CultureInfo.InvariantCulture, $"{LatencySample.Percentile(values, percentile):0} ms");

    private static double Median(IReadOnlyList<double> values) => LatencySample.Percentile(values, 50);

    private static int Parse(string text) => int.Parse(text, CultureInfo.InvariantCulture);

    private static double Option(string[] args, string name, double fallback) =>
        OptionText(args, name) is { } text ? double.Parse(text, CultureInfo.InvariantCulture) : fallback;

    private static string? OptionText(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
