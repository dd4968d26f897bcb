using System.Diagnostics;
using System.Reflection;
using Cuboid.Cli;

namespace Cuboid.Tests.Cli;

/// <summary>One version (Directory.Build.props) for the library, the tool and what <c>cuboid --version</c> prints.</summary>
public sealed class VersionTests
{
    private static string InformationalVersion(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;

    [Fact]
    public async Task Cuboid_version_prints_the_library_assembly_version()
    {
        // A child process: in-process, the entry assembly (whose version --version reports) is the test host.
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(CuboidApp).Assembly.Location);
        start.ArgumentList.Add("--version");
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(0, process.ExitCode);
        Assert.Equal(InformationalVersion(typeof(CuboidException).Assembly), output.Trim());
    }

    [Fact]
    public void The_library_and_the_tool_carry_one_version()
    {
        var library = typeof(CuboidException).Assembly;
        var tool = typeof(CuboidApp).Assembly;

        Assert.Equal(InformationalVersion(library), InformationalVersion(tool));
        Assert.Equal(library.GetName().Version, tool.GetName().Version);
        // The informational version is the package version, with the commit after a '+' when built from git.
        Assert.StartsWith(library.GetName().Version!.ToString(3), InformationalVersion(library), StringComparison.Ordinal);
    }
}
