using Cuboid.Cli;
using Cuboid.Formatting;
using Cuboid.Testing.Simulators;
using Cuboid.Testing.Video;
using Cuboid.Tests.Understanding;
using Cuboid.Understanding;
using Cuboid.Understanding.Reports;

namespace Cuboid.Tests.Cli;

/// <summary>
/// What <c>cuboid analyze</c> prints and refuses: options checked in every mode, the files it names, and progress
/// lines in the order stages finish. Real ffmpeg on a real encoded video; the simulator as every provider.
/// </summary>
public sealed class AnalyzeOutputTests : IAsyncLifetime
{
    private static readonly VideoRecipe Clip = new() { Seconds = 12, Width = 320, Height = 180 };

    private SimulatedProviders _world = null!;
    private string _video = null!;

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable(SimulatedProviders.KeyVariable, ProviderSimulator.DefaultApiKey);
        _world = await SimulatedProviders.StartAsync();
        _video = Path.Combine(_world.Folder, "clip.mp4");
        File.Copy(await VideoBuilder.BuildAsync(Clip), _video);
    }

    public async Task DisposeAsync() => await _world.DisposeAsync();

    private string Out => Path.Combine(_world.Folder, "report");

    private string NoProviders()
    {
        var config = Path.Combine(_world.Folder, "none.json");
        File.WriteAllText(config, """{"providers":{"openai":{"enabled":false},"anthropic":{"enabled":false},"gemini":{"enabled":false},"openrouter":{"enabled":false},"groq":{"enabled":false},"ollama":{"enabled":false}}}""");
        return config;
    }

    private static async Task<(int Code, string Stdout, string Stderr)> Run(params string[] args)
    {
        var console = CliConsole.Capture(out var stdout, out var stderr);
        var code = await CuboidApp.RunAsync(args, console);
        return (code, stdout.ToString(), stderr.ToString());
    }

    public static TheoryData<string, string, string, int> BadOptions => new()
    {
        { "--offline", "--budget", "-1", ExitCodes.Usage },
        { "--offline", "--format", "", ExitCodes.Usage },
        { "--offline", "--format", ",", ExitCodes.Usage },
        { "--offline", "--config", "/nonexistent/cuboid.json", ExitCodes.Input },
        { "--offline", "--catalog", "/nonexistent/catalog.json", ExitCodes.Input },
        { "--dry-run", "--format", "", ExitCodes.Usage },
        { "--no-cache", "--format", "", ExitCodes.Usage },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public async Task Every_option_is_checked_in_every_mode(string mode, string option, string value, int expected)
    {
        var (code, stdout, stderr) = await Run("analyze", _video, mode, option, value, "--no-cache", "--out", Out);

        Assert.Equal(expected, code);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.Empty(stdout);
        Assert.False(Directory.Exists(Out));
    }

    [Fact]
    public async Task Offline_and_online_give_the_same_answer_for_the_same_bad_option()
    {
        var (online, _, _) = await Run("analyze", _video, "--budget", "-1", "--dry-run", "--config", NoProviders());
        var (offline, _, _) = await Run("analyze", _video, "--budget", "-1", "--offline", "--dry-run");

        Assert.Equal((ExitCodes.Usage, ExitCodes.Usage), (online, offline));
    }

    [Fact]
    public async Task Only_the_files_written_are_named()
    {
        var (code, stdout, stderr) = await Run("analyze", _video, "--offline", "--no-cache", "--format", "md,vtt", "--out", Out);

        Assert.True(code == 0, stderr);
        Assert.Equal(["chapters.vtt", "report.md"], Directory.GetFiles(Out).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains($"Report: {Path.Combine(Out, "report.md")}", stdout, StringComparison.Ordinal);
        Assert.Contains("Also written there: chapters.vtt, frames/", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("report.html", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_report_written_without_json_is_replaced_by_the_next_run()
    {
        var (first, _, _) = await Run("analyze", _video, "--offline", "--no-cache", "--format", "md,vtt", "--out", Out);
        var (second, _, stderr) = await Run("analyze", _video, "--offline", "--no-cache", "--format", "md,vtt", "--out", Out);

        Assert.Equal(0, first);
        Assert.True(second == 0, stderr);
        Assert.True(File.Exists(Path.Combine(Out, "report.md")));
    }

    [Fact]
    public async Task An_out_that_is_a_file_prints_its_error_and_nothing_else()
    {
        var file = Path.Combine(_world.Folder, "taken.txt");
        await File.WriteAllTextAsync(file, "mine");

        var (code, stdout, stderr) = await Run("analyze", _video, "--config", NoProviders(), "--no-cache", "--out", file);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Empty(stdout);
        Assert.Contains("is a file; give a folder", Assert.Single(stderr.Trim().Split('\n')), StringComparison.Ordinal);
        Assert.Equal("mine", await File.ReadAllTextAsync(file));
    }

    [Fact]
    public async Task Piped_progress_lists_stages_as_they_finish_and_says_why_a_stage_is_skipped()
    {
        var (offlineCode, offline, _) = await Run("analyze", _video, "--offline", "--no-cache", "--out", Out);
        var (noProviderCode, noProvider, _) = await Run("analyze", _video, "--config", NoProviders(), "--no-cache", "--out", Out);

        Assert.Equal((0, 0), (offlineCode, noProviderCode));
        Assert.Equal(
            ["decode: done", "caption: skipped (offline)", "transcribe: skipped (offline)", "synthesize: skipped (offline)"],
            offline.Split('\n').Take(4).Select(l => l.TrimEnd('\r')));
        Assert.Equal(
            ["decode: done", "caption: skipped (no provider configured)", "transcribe: skipped (no provider configured)", "synthesize: skipped (no provider configured)"],
            noProvider.Split('\n').Take(4).Select(l => l.TrimEnd('\r')));
        Assert.DoesNotContain("(offline)", noProvider, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_stage_line_shows_its_own_cost_and_the_total_comes_once()
    {
        var (code, stdout, stderr) = await Run("analyze", _video, "--config", _world.ConfigPath, "--no-cache", "--out", Out);

        Assert.True(code == 0, stderr);
        var report = ReportJson.Deserialize(await File.ReadAllTextAsync(Path.Combine(Out, "report.json")));
        var lines = stdout.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        foreach (var (stage, task) in new[] { ("caption", "caption"), ("transcribe", "transcribe"), ("synthesize", "reason") })
        {
            var dollars = report.Usage.Stages.Single(s => s.Stage == task).Dollars;
            var line = Assert.Single(lines, l => l.StartsWith(stage + ":", StringComparison.Ordinal));
            Assert.EndsWith($", {DisplayFormat.Dollars(dollars)}", line, StringComparison.Ordinal);
        }

        Assert.Equal($"total: {DisplayFormat.Dollars(report.Usage.Total.Dollars)} spent", Assert.Single(lines, l => l.StartsWith("total:", StringComparison.Ordinal)));
        Assert.True(lines.FindIndex(l => l.StartsWith("decode:", StringComparison.Ordinal)) < lines.FindIndex(l => l.StartsWith("caption:", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_caption_count_keeps_its_planned_denominator_as_near_duplicates_are_skipped()
    {
        // A still picture: one frame to caption, the other four samples near-duplicates of it.
        var still = await VideoBuilder.BuildAsync(new VideoRecipe { Seconds = 21, Source = "color=c=0x336699", Audio = false });
        var options = _world.Options(still, MediaEngineSource.Instance, MediaEngineSource.Instance, Out);
        var reports = new List<AnalysisProgress>();

        await AnalysisSession.RunAsync(options with { NoCache = true }, p =>
        {
            lock (reports)
            {
                reports.Add(p);
            }
        });

        var captions = reports.Where(p => p.Stage == "caption").ToList();
        Assert.All(captions, p => Assert.Equal(5, p.Total));
        Assert.Equal((5d, 4), (captions[^1].Done, captions[^1].Duplicates));
        Assert.True(captions[^1].Finished);
        Assert.True(reports.FindIndex(p => p is { Stage: "decode", Finished: true }) < reports.FindIndex(p => p is { Stage: "caption", Finished: true }));
    }

    [Fact]
    public async Task Help_says_how_to_configure_a_provider_with_examples_and_exit_codes()
    {
        var (code, stdout, _) = await Run("analyze", "--help");

        Assert.Equal(ExitCodes.Ok, code);
        foreach (var expected in new[] { "OPENAI_API_KEY", "OLLAMA_HOST", "Examples:", "cuboid analyze talk.mp4 --dry-run", "Exit codes:", "5 budget reached" })
        {
            Assert.Contains(expected, stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_run_killed_with_sigkill_leaves_debris_that_the_next_run_into_the_same_folder_removes()
    {
        // The real command in its own process, killed outright while it writes frames into its staging folder.
        var cli = Path.ChangeExtension(typeof(CuboidApp).Assembly.Location, ".dll");
        var slow = await VideoBuilder.BuildAsync(new VideoRecipe { Seconds = 240, Width = 640, Height = 360, Audio = false });
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { cli, "analyze", slow, "--offline", "--no-cache", "--every", "1s", "--out", Out })
        {
            start.ArgumentList.Add(arg);
        }

        using var child = System.Diagnostics.Process.Start(start)!;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (Staging().Length == 0 && !child.HasExited && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.False(child.HasExited, "the run ended before it could be killed");
        child.Kill(entireProcessTree: true);
        await child.WaitForExitAsync();
        Assert.NotEmpty(Staging());

        var (code, _, stderr) = await Run("analyze", _video, "--offline", "--no-cache", "--format", "json", "--out", Out);

        Assert.True(code == 0, stderr);
        Assert.Empty(Staging());
        Assert.True(File.Exists(Path.Combine(Out, "report.json")));
    }

    private string[] Staging() => Directory.GetDirectories(_world.Folder, $".{Path.GetFileName(Out)}.partial-*");
}
