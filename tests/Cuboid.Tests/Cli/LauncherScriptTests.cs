using System.Diagnostics;

namespace Cuboid.Tests.Cli;

/// <summary>
/// The checkout's <c>./cuboid</c> launcher, run from a copy whose build counts as fresh and whose <c>dotnet</c> is a
/// stand-in that prints what it was given, so nothing is built and the real checkout is not touched.
/// </summary>
public class LauncherScriptTests
{
    [Theory]
    [InlineData("analyze", null, "0")]
    [InlineData("keyframes", null, "0")]
    [InlineData("serve", null, "unset")] // the long-running gateway keeps tiered PGO
    [InlineData("analyze", "1", "1")] // a value the caller set wins
    public async Task One_shot_commands_run_with_tiered_pgo_off(string command, string? callerValue, string expected)
    {
        var launcher = MakeLauncherCopy();

        string output;
        try
        {
            output = await RunAsync(launcher, command, callerValue);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(launcher)!, recursive: true);
        }

        Assert.Equal($"TieredPGO={expected} args=Cuboid.Cli.dll {command} x", output.Trim().Replace(Path.GetDirectoryName(launcher)! + "/src/Cuboid.Cli/bin/Release/net10.0/", string.Empty, StringComparison.Ordinal));
    }

    private static string MakeLauncherCopy()
    {
        var root = Directory.CreateTempSubdirectory("cuboid-launcher-").FullName;
        File.Copy(Path.Combine(RepositoryRoot(), "cuboid"), Path.Combine(root, "cuboid"));
        Executable(Path.Combine(root, "scripts", "ensure-tools.sh"), "exit 0");
        Executable(Path.Combine(root, "bin", "dotnet"), "echo \"TieredPGO=${DOTNET_TieredPGO-unset} args=$*\"");
        var output = Directory.CreateDirectory(Path.Combine(root, "src", "Cuboid.Cli", "bin", "Release", "net10.0")).FullName;
        File.WriteAllText(Path.Combine(output, "Cuboid.Cli.dll"), string.Empty);
        File.WriteAllText(Path.Combine(output, ".cuboid-built"), string.Empty);
        return Path.Combine(root, "cuboid");
    }

    private static async Task<string> RunAsync(string launcher, string command, string? callerValue)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(launcher);
        start.ArgumentList.Add(command);
        start.ArgumentList.Add("x");
        start.Environment["PATH"] = Path.Combine(Path.GetDirectoryName(launcher)!, "bin") + ":" + Environment.GetEnvironmentVariable("PATH");
        start.Environment.Remove("DOTNET_TieredPGO");
        if (callerValue is not null)
        {
            start.Environment["DOTNET_TieredPGO"] = callerValue;
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, error);
        return output;
    }

    private static void Executable(string path, string line)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, $"#!/bin/sh\n{line}\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "cuboid")) && File.Exists(Path.Combine(folder.FullName, "Directory.Packages.props")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("the checkout's root (with ./cuboid) was not found above the test binaries");
    }
}
