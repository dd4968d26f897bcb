using System.Diagnostics;
using System.Globalization;
using Cuboid.Testing.Simulators;

namespace Cuboid.Benchmarks.Understanding;

/// <summary>
/// Where <c>cuboid analyze</c>'s time goes beyond the decode, in CPU seconds (steady on a busy machine, unlike wall
/// time): per round, a plain <c>ffmpeg -threads 2 -f null</c> decode, <c>analyze --offline</c> (the pass, no
/// provider), and <c>analyze</c> against the provider simulator (captioner 300 ms, concurrency 4, transcription at
/// once), each as <c>/usr/bin/time</c> sees the command and its ffmpeg children, plus the simulator's own CPU (this
/// process) during the online run.
/// Given several CLIs (<c>--cli LABEL=PATH/Cuboid.Cli.dll</c>, repeated), each runs both commands in every round after
/// the same decode, so builds are compared in the same conditions; the order turns by one each round. With
/// <c>--stages</c> the commands run with <c>--verbose</c> and each stage's duration is printed.
/// Run: <c>dotnet run -c Release --project bench/Cuboid.Benchmarks -- analyze-costs FILE [rounds] [--cli LABEL=DLL]... [--stages]</c>.
/// </summary>
internal static class AnalyzeCostsRun
{
    public static async Task RunAsync(string video, int rounds, IReadOnlyList<string> clis, bool stages = false)
    {
        string[] verbose = stages ? ["--verbose"] : [];
        var builds = clis.Count == 0
            ? [("cuboid", AnalyzeOverlapBenchmarks.CliDll)]
            : clis.Select(spec => spec.Split('=', 2) is [var label, var path] ? (label, path) : (Path.GetFileName(Path.GetDirectoryName(spec)) ?? spec, spec)).ToList();

        await using var simulator = await ProviderSimulator.StartAsync(new ProviderSimulatorOptions { LogPayloads = false });
        simulator.Respond(request => request.Images.Count > 0
            ? new SimulatedReply("A test pattern with coloured bars and a moving gradient.") { Delay = TimeSpan.FromSeconds(0.3) }
            : """{"summary":"Shots of test patterns.","chapters":[{"start":"00:00","title":"Test patterns","summary":"All of it."}],"key_moments":[],"topics":["test"]}""");
        var folder = Directory.CreateTempSubdirectory("cuboid-bench-costs-").FullName;
        try
        {
            var config = Path.Combine(folder, "cuboid.json");
            await File.WriteAllTextAsync(config, $$$"""
                {
                  "providers": { "openai": { "baseUrl": "{{{simulator.Endpoint("openai").BaseUri}}}", "keyEnv": "BENCH_SIM_KEY" } },
                  "tasks": { "caption": { "model": "openai:gpt-4.1-mini" }, "reason": { "model": "openai:gpt-4.1-mini" }, "transcribe": { "model": "openai:whisper-1" } }
                }
                """);
            Console.WriteLine($"analyze-costs {Path.GetFileName(video)}, {rounds} round(s); wall s / CPU s (user+sys of the command tree)");
            for (var round = 1; round <= rounds; round++)
            {
                var decode = await TimeAsync("ffmpeg", ["-nostdin", "-v", "error", "-threads", "2", "-i", video, "-f", "null", "-"], folder);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"round {round} (load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}): decode {decode.Wall:0.00}/{decode.Cpu:0.00}"));
                // The order turns each round: the CLI that runs second in a round measured slower in 6 of 7 rounds whichever
                // build it was (docs/PERFORMANCE.md), so a fixed order would credit that to the build.
                foreach (var (label, cli) in builds.Skip((round - 1) % builds.Count).Concat(builds.Take((round - 1) % builds.Count)))
                {
                    var offline = await TimeAsync("dotnet", [cli, "analyze", video, "--offline", "--no-cache", "--out", Path.Combine(folder, "offline"), .. verbose], folder);
                    var before = Process.GetCurrentProcess().TotalProcessorTime;
                    var online = await TimeAsync("dotnet", [cli, "analyze", video, "--config", config, "--no-cache", "--out", Path.Combine(folder, "online"), "--concurrency", "4", .. verbose], folder);
                    var simulatorCpu = (Process.GetCurrentProcess().TotalProcessorTime - before).TotalSeconds;
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {label,-10} offline {offline.Wall:0.00}/{offline.Cpu:0.00} ({offline.Wall / decode.Wall:0.000}x wall, {offline.Cpu / decode.Cpu:0.000}x CPU)  online {online.Wall:0.00}/{online.Cpu:0.00} ({online.Wall / decode.Wall:0.000}x wall, {online.Cpu / decode.Cpu:0.000}x CPU)  simulator CPU {simulatorCpu:0.00}"));
                    simulator.ClearLog();
                    Directory.Delete(Path.Combine(folder, "offline"), recursive: true);
                    Directory.Delete(Path.Combine(folder, "online"), recursive: true);
                }
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(double Wall, double Cpu)> TimeAsync(string command, IEnumerable<string> arguments, string home)
    {
        var times = Path.Combine(home, "time.txt");
        var start = new ProcessStartInfo("/usr/bin/time") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-f", "%e %U %S", "-o", times, command }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var key in new[] { "OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GEMINI_API_KEY", "OPENROUTER_API_KEY", "GROQ_API_KEY", "OLLAMA_HOST", "OPENAI_BASE_URL", "ANTHROPIC_BASE_URL" })
        {
            start.Environment.Remove(key);
        }

        start.Environment["BENCH_SIM_KEY"] = ProviderSimulator.DefaultApiKey;
        start.Environment["HOME"] = home;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await stdout;
        // With --stages, each command's stage timings (its --verbose log) are shown before its figures.
        foreach (var line in (await stderr).Split('\n').Where(l => l.Contains("Stage ", StringComparison.Ordinal) && l.Contains(" ended ", StringComparison.Ordinal)))
        {
            Console.WriteLine("    " + line[(line.IndexOf("Stage ", StringComparison.Ordinal) + 6)..]);
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} exited {process.ExitCode}: {await stderr}");
        }

        var parts = (await File.ReadAllTextAsync(times)).Trim().Split(' ').Select(p => double.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        return (parts[0], parts[1] + parts[2]);
    }
}
