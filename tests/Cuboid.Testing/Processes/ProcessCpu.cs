using System.Globalization;

namespace Cuboid.Testing.Processes;

/// <summary>
/// CPU time of a running process from <c>/proc/PID/stat</c>: user and system time of the process itself and of its
/// children it has waited for (<c>utime + stime + cutime + cstime</c>), which <see cref="System.Diagnostics.Process.TotalProcessorTime"/>
/// leaves out. On a machine shared with other work this is the fair measure of what the process cost, not wall time.
/// </summary>
public static class ProcessCpu
{
    /// <summary>Clock ticks per second of <c>/proc</c>'s times (<c>getconf CLK_TCK</c>, 100 on Linux).</summary>
    private const double TicksPerSecond = 100;

    /// <summary>The process's CPU time with its reaped children, or null when it is gone or this is not Linux.</summary>
    public static TimeSpan? Of(int processId)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/stat");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // The command name (field 2) is in parentheses and may hold spaces: fields are counted after its closing one.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // fields[0] is field 3 (state); utime, stime, cutime, cstime are fields 14 to 17.
        var ticks = Enumerable.Range(11, 4).Sum(i => long.Parse(fields[i], CultureInfo.InvariantCulture));
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }
}
