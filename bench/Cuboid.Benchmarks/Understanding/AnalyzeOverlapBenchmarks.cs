using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Cuboid.Benchmarks.Media;
using Cuboid.Media;
using Cuboid.Portfolio;
using Cuboid.Testing.Simulators;
using Cuboid.Understanding.Reports;

namespace Cuboid.Benchmarks.Understanding;

/// <summary>
/// <c>cuboid analyze</c> on a long 720p file with a simulated captioner answering in 300 ms (concurrency 4), against a
/// plain <c>ffmpeg -threads 2 -f null</c> decode of the same file (the baseline). Decoding, captioning and transcription
/// overlap, so the bar is: wall time up to the synthesis ≤ 1.25 × max(decode time, caption calls × 300 ms / 4), and
/// peak resident memory (the CLI process plus its ffmpeg children) ≤ 500 MB. Each run prints an <c>ANALYZE-OVERLAP</c>
/// line with the numbers. The reasoner answers at once, so the synthesis adds only its own bookkeeping (and the
/// measured time includes the CLI's start-up, which the bar does not exempt).
/// Run: <c>dotnet run -c Release --project bench/Cuboid.Benchmarks -- --filter '*AnalyzeOverlap*'</c>.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 3)]
public class AnalyzeOverlapBenchmarks : IEnvironmentVariables
{
    private const double CaptionSeconds = 0.3;
    private const int Concurrency = 4;
    private string _video = string.Empty;
    private string _folder = string.Empty;
    private ProviderSimulator _simulator = null!;

    /// <summary>
    /// The file: <c>reel-3min</c>, a 3-minute 720p shot reel (a cut every 2-3 s, motion and noise; decode-heavy), or
    /// <c>talk-1h</c>, the 59.5-minute 720p demo talk (slides, narration, 8 cuts a minute and a half; caption-heavy).
    /// </summary>
    [Params("reel-3min", "talk-1h")]
    public string Video { get; set; } = "reel-3min";

    [GlobalSetup]
    public void Setup()
    {
        _video = (Video == "talk-1h" ? AnalysisBenchVideos.TalkHourAsync() : AnalysisBenchVideos.BuildAsync(720, 3)).GetAwaiter().GetResult();
        _simulator = ProviderSimulator.StartAsync(new ProviderSimulatorOptions { LogPayloads = false }).GetAwaiter().GetResult();
        _simulator.Respond(request => request.Images.Count > 0
            ? new SimulatedReply("A test pattern with coloured bars and a moving gradient.") { Delay = TimeSpan.FromSeconds(CaptionSeconds) }
            : """{"summary":"Shots of test patterns.","chapters":[{"start":"00:00","title":"Test patterns","summary":"All of it."}],"key_moments":[],"topics":["test"]}""");
        _folder = Directory.CreateTempSubdirectory("cuboid-bench-analyze-").FullName;
        File.WriteAllText(Path.Combine(_folder, "cuboid.json"), $$$"""
            {
              "providers": { "openai": { "baseUrl": "{{{_simulator.Endpoint("openai").BaseUri}}}", "keyEnv": "BENCH_SIM_KEY" } },
              "tasks": { "caption": { "model": "openai:gpt-4.1-mini" }, "reason": { "model": "openai:gpt-4.1-mini" }, "transcribe": { "model": "openai:whisper-1" } }
            }
            """);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _simulator.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(_folder, recursive: true);
    }

    public string? Get(string name) => name switch
    {
        "BENCH_SIM_KEY" => ProviderSimulator.DefaultApiKey,
        "HOME" => _folder,
        _ => null,
    };

    [Benchmark(Baseline = true, Description = "ffmpeg -f null decode")]
    public async Task<int> PlainDecode()
    {
        var run = await MediaProcess.RunAsync(MediaTools.Default.FfmpegPath, ["-hide_banner", "-nostdin", "-loglevel", "error", "-threads", "2", "-i", _video, "-f", "null", "-"]);
        return run.ExitCode;
    }

    [Benchmark(Description = "cuboid analyze, captioner 300 ms, concurrency 4")]
    public async Task<int> Analyze()
    {
        // The real command in its own process, as a user runs it: the simulator (Kestrel, its request log) stays in
        // this process, outside the measured tree of the CLI and its ffmpeg children.
        var output = Path.Combine(_folder, "report");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { CliDll, "analyze", _video, "--config", Path.Combine(_folder, "cuboid.json"), "--no-cache", "--out", output, "--format", "json", "--json", "--concurrency", Concurrency.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var key in new[] { "OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GEMINI_API_KEY", "OPENROUTER_API_KEY", "GROQ_API_KEY", "OLLAMA_HOST", "OPENAI_BASE_URL", "ANTHROPIC_BASE_URL" })
        {
            start.Environment.Remove(key);
        }

        start.Environment["BENCH_SIM_KEY"] = ProviderSimulator.DefaultApiKey;
        start.Environment["HOME"] = _folder;

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        using var sampling = new CancellationTokenSource();
        long peak = 0;
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, ResidentMemory.OfProcessTree(process.Id));
                await Task.Delay(20);
            }
        });
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var total = clock.Elapsed;
        await sampling.CancelAsync();
        await sampler;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"cuboid analyze exited {process.ExitCode}: {await stderr}");
        }

        var report = ReportJson.Deserialize(await stdout);
        var calls = report.Usage.Stages.Single(s => s.Stage == "caption").Calls;
        var captionBound = calls * CaptionSeconds / Concurrency;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ANALYZE-OVERLAP video={Video} samples={report.Samples.Count} caption-calls={calls} skipped={report.Duplicates.Skipped} total={total.TotalSeconds:0.00}s caption-bound={captionBound:0.00}s peak-memory={peak / 1048576.0:0}MB"));
        Directory.Delete(output, recursive: true);
        _simulator.ClearLog();
        return calls;
    }

    // The Release build of the CLI beside the sources (dotnet build -c Release builds it with the benchmarks).
    internal static string CliDll
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "src", "Cuboid.Cli", "bin", "Release", "net10.0", "Cuboid.Cli.dll");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            throw new FileNotFoundException("src/Cuboid.Cli/bin/Release/net10.0/Cuboid.Cli.dll not found; run 'dotnet build -c Release' first");
        }
    }
}
