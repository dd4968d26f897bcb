using System.Globalization;

namespace Cuboid.Benchmarks.Server;

/// <summary>How busy the shared machine is while a run measures: load averages and the compilers running beside it.</summary>
internal static class MachineConditions
{
    public static string Describe()
    {
        var load = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
        return string.Create(CultureInfo.InvariantCulture, $"load average {load} on {Environment.ProcessorCount} cores; {Compilers()} compiler processes running");
    }

    /// <summary>Other builds: csc/VBCSCompiler servers and MSBuild nodes, found by their command lines.</summary>
    private static int Compilers()
    {
        var count = 0;
        foreach (var folder in Directory.Exists("/proc") ? Directory.EnumerateDirectories("/proc") : [])
        {
            try
            {
                var commandLine = File.ReadAllText(Path.Combine(folder, "cmdline"));
                if (commandLine.Contains("VBCSCompiler", StringComparison.Ordinal) || commandLine.Contains("MSBuild.dll", StringComparison.Ordinal))
                {
                    count++;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked.
            }
        }

        return count;
    }
}
