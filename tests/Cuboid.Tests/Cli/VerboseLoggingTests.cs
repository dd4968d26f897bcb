using System.Diagnostics;
using Cuboid.Cli;
using Cuboid.Testing.Video;

namespace Cuboid.Tests.Cli;

/// <summary><c>--verbose</c> shows the library's logs on the real stderr (console logger); without it, none at debug level.</summary>
public sealed class VerboseLoggingTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cuboid-verbose-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Verbose_logs_each_analysis_stage_on_stderr_and_the_default_run_logs_nothing_below_warning()
    {
        var video = await VideoBuilder.BuildAsync(new VideoRecipe { Seconds = 2, Audio = false });

        var (quietCode, quietOut, quietErr) = await RunCli("analyze", video, "--offline", "--no-cache", "--format", "json", "--out", Path.Combine(_folder, "quiet"));
        var (code, stdout, stderr) = await RunCli("analyze", video, "--offline", "--no-cache", "--format", "json", "--out", Path.Combine(_folder, "verbose"), "--verbose");

        Assert.True(quietCode == 0, quietErr);
        Assert.True(code == 0, stderr);
        Assert.DoesNotContain("dbug:", quietErr, StringComparison.Ordinal);
        Assert.DoesNotContain("Cuboid.Understanding.VideoAnalyzer", quietErr, StringComparison.Ordinal);
        foreach (var stage in new[] { "probe", "decode", "caption", "transcribe", "report" })
        {
            Assert.Contains($"Cuboid.Understanding.VideoAnalyzer[1201] Stage {stage} ended", stderr, StringComparison.Ordinal);
        }

        // Logs never reach stdout: the same lines either way.
        Assert.Equal(quietOut.Split('\n').Length, stdout.Split('\n').Length);
        Assert.DoesNotContain("dbug:", stdout, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunCli(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(CuboidApp).Assembly.Location);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }
}
