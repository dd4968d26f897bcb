using System.Diagnostics;
using Cuboid.Cli;

namespace Cuboid.Tests.Cli;

/// <summary>Runs <c>cuboid</c> in-process with captured output, or as a real child process (for the crash tests, which kill it).</summary>
internal static class CliRun
{
    public static async Task<(int Code, string Out, string Err)> InProcessAsync(params string[] args)
    {
        var console = CliConsole.Capture(out var stdout, out var stderr);
        var code = await CuboidApp.RunAsync(args, console);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>A child <c>cuboid</c> with one extra environment variable (the simulator's key).</summary>
    public static Process Child(string[] args, string variable, string value)
    {
        var process = Process.Start(ChildStart(args, variable, value))!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>A child <c>cuboid</c> run to its end (its logs reach a real stderr only there), with one extra environment variable.</summary>
    public static async Task<(int Code, string Out, string Err)> ChildToEndAsync(string[] args, string variable, string value)
    {
        using var process = Process.Start(ChildStart(args, variable, value))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }

    private static ProcessStartInfo ChildStart(string[] args, string variable, string value)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(CuboidApp).Assembly.Location);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment[variable] = value;
        return start;
    }

    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var stop = DateTime.UtcNow + timeout;
        while (!condition() && DateTime.UtcNow < stop)
        {
            await Task.Delay(20);
        }

        Assert.True(condition(), "the child process never got that far");
    }
}
