using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Cuboid.Storage;

/// <summary>
/// The process that owns a staging folder, written into the folder's name (<c>.NAME.partial-PID-STARTED-ID</c>) so a
/// later run can tell a folder still being written from one a killed run left behind. The start time (Unix
/// milliseconds) guards against a new process that happens to get the dead one's id.
/// </summary>
internal sealed partial record StagingOwner(int ProcessId, long StartedUnixMs)
{
    // The clock reading of a process's start time moves by a few milliseconds between reads on Linux.
    private const long StartTolerance = 1000;

    public static StagingOwner Current { get; } = Of(Process.GetCurrentProcess())!;

    /// <summary>The owner record of a running process, or null when it has already exited.</summary>
    public static StagingOwner? Of(Process process)
    {
        try
        {
            return new StagingOwner(process.Id, new DateTimeOffset(process.StartTime.ToUniversalTime()).ToUnixTimeMilliseconds());
        }
        catch (Exception ex) when (ex is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>The staging folder name for <paramref name="targetName"/> owned by this process.</summary>
    public string FolderName(string targetName) =>
        string.Create(CultureInfo.InvariantCulture, $".{targetName}.partial-{ProcessId}-{StartedUnixMs}-{Guid.NewGuid():N}");

    /// <summary>The owner written into a staging folder's name, or null for any other name (or an older unowned one).</summary>
    public static StagingOwner? FromFolderName(string folderName, string targetName)
    {
        var prefix = $".{targetName}.partial-";
        if (!folderName.StartsWith(prefix, StringComparison.Ordinal) || OwnedSuffix().Match(folderName[prefix.Length..]) is not { Success: true } m)
        {
            return null;
        }

        return int.TryParse(m.Groups["pid"].Value, CultureInfo.InvariantCulture, out var pid) && long.TryParse(m.Groups["started"].Value, CultureInfo.InvariantCulture, out var started)
            ? new StagingOwner(pid, started)
            : null;
    }

    /// <summary>True while the owning process runs: the id exists and belongs to a process started at the recorded time.</summary>
    public bool IsRunning()
    {
        try
        {
            using var process = Process.GetProcessById(ProcessId);
            return Of(process) is { } now && Math.Abs(now.StartedUnixMs - StartedUnixMs) <= StartTolerance;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^(?<pid>\d{1,10})-(?<started>\d{1,19})-[0-9a-f]{32}$")]
    private static partial Regex OwnedSuffix();
}
