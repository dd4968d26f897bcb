using System.Runtime.InteropServices;
using Cuboid.Portfolio;
using Microsoft.Extensions.AI;

namespace Cuboid.Benchmarks.Portfolio;

/// <summary>
/// The router's own cost per call, measured in CPU time and interleaved, for a machine other builds keep busy (where
/// <see cref="RouterOverheadBenchmarks"/>' wall-clock medians move 10-30x between runs). Every round times the same
/// do-nothing provider client called directly, through a router without telemetry, and through a router with telemetry
/// on and no listener (the default), one after the other; each timing is the process's CPU time (user + system,
/// <c>CLOCK_PROCESS_CPUTIME_ID</c>, so time spent waiting for a core does not count) over a batch of calls. The figures
/// are medians over rounds. Linux only. Run:
/// <c>dotnet run -c Release --project bench/Cuboid.Benchmarks -- router-overhead [rounds]</c>.
/// </summary>
internal static class RouterOverheadPairedRun
{
    private const int CallsPerTiming = 200;
    private const int WarmUpRounds = 20;
    private const int ProcessCpuClock = 2;

    public static void Run(int rounds)
    {
        List<ChatMessage> messages =
        [
            new(ChatRole.System, "You caption video frames in one sentence."),
            new(ChatRole.User, "Describe the frame at 00:05."),
        ];
        var trivial = new TrivialChatClient();
        var environment = new KeyEnvironment();
        using var withTelemetry = new ModelRouter(ModelCatalog.Shipped(), new PortfolioSettings(), [trivial], environment);
        using var withoutTelemetry = new ModelRouter(ModelCatalog.Shipped(), new PortfolioSettings(), [trivial], environment, null, null, telemetry: false);
        var routed = withTelemetry.BeginRun(new RunOptions { Budget = 1_000_000_000m }).GetChatClient(ModelTasks.Caption);
        var bare = withoutTelemetry.BeginRun(new RunOptions { Budget = 1_000_000_000m }).GetChatClient(ModelTasks.Caption);

        var (direct, noTelemetry, telemetry) = (new List<double>(), new List<double>(), new List<double>());
        for (var round = 0; round < rounds + WarmUpRounds; round++)
        {
            var d = CpuMicrosecondsPerCall(trivial, messages);
            var n = CpuMicrosecondsPerCall(bare, messages);
            var t = CpuMicrosecondsPerCall(routed, messages);
            if (round >= WarmUpRounds)
            {
                // The first rounds warm up the JIT (tiering), the caches and the router's per-task field.
                (direct, noTelemetry, telemetry) = ([.. direct, d], [.. noTelemetry, n], [.. telemetry, t]);
            }
        }

        var overhead = telemetry.Zip(direct, (routedCall, directCall) => routedCall - directCall).ToList();
        var ratio = telemetry.Zip(noTelemetry, (on, off) => on / off).ToList();
        Console.WriteLine($"CPU µs per call, medians of {rounds} interleaved rounds of {CallsPerTiming} calls each (quartiles):");
        Console.WriteLine($"  TrivialDirect             {Median(direct),8:0.00}");
        Console.WriteLine($"  TrivialRoutedNoTelemetry  {Median(noTelemetry),8:0.00}  ({Quantile(noTelemetry, 0.25):0.00}-{Quantile(noTelemetry, 0.75):0.00})");
        Console.WriteLine($"  TrivialRouted (telemetry on, no listener) {Median(telemetry):0.00}  ({Quantile(telemetry, 0.25):0.00}-{Quantile(telemetry, 0.75):0.00})");
        Console.WriteLine($"  router overhead (routed - direct, per round) {Median(overhead):0.00} µs ({Quantile(overhead, 0.25):0.00}-{Quantile(overhead, 0.75):0.00}); bar 50 µs");
        Console.WriteLine($"  telemetry on / off, per round {Median(ratio):0.00}x ({Quantile(ratio, 0.25):0.00}-{Quantile(ratio, 0.75):0.00})");
    }

    private static double CpuMicrosecondsPerCall(IChatClient client, List<ChatMessage> messages)
    {
        var started = ProcessCpuNanoseconds();
        for (var i = 0; i < CallsPerTiming; i++)
        {
            // The do-nothing client and the router's pipeline complete synchronously; any hop would still be counted.
            client.GetResponseAsync(messages).GetAwaiter().GetResult();
        }

        return (ProcessCpuNanoseconds() - started) / 1000.0 / CallsPerTiming;
    }

    private static long ProcessCpuNanoseconds()
    {
        if (ClockGetTime(ProcessCpuClock, out var now) != 0)
        {
            throw new InvalidOperationException("clock_gettime(CLOCK_PROCESS_CPUTIME_ID) failed: this run needs Linux");
        }

        return (now.Seconds * 1_000_000_000L) + now.Nanoseconds;
    }

    private static double Median(List<double> values) => Quantile(values, 0.5);

    private static double Quantile(List<double> values, double q)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Round(q * (sorted.Count - 1))];
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    private sealed class KeyEnvironment : IEnvironmentVariables
    {
        public string? Get(string name) => name == "OPENAI_API_KEY" ? "sk-bench" : null;
    }
}
