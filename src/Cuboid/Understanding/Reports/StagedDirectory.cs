namespace Cuboid.Understanding.Reports;

/// <summary>
/// A hidden directory beside the final output that a run fills, then moves into place in one rename
/// (<see cref="Commit"/>). Disposed without a commit, it deletes itself, so a failed run leaves nothing
/// half-written and an earlier report at the target survives.
/// </summary>
public sealed class StagedDirectory : IDisposable
{
    private bool _committed;

    private StagedDirectory(string target, string path)
    {
        Target = target;
        Path = path;
    }

    /// <summary>The final location.</summary>
    public string Target { get; }

    /// <summary>Where to write until <see cref="Commit"/>.</summary>
    public string Path { get; }

    public static StagedDirectory Create(string target)
    {
        var full = System.IO.Path.GetFullPath(target.TrimEnd('/', '\\'));
        var parent = System.IO.Path.GetDirectoryName(full) ?? throw CuboidException.Usage($"cannot write the report to '{target}'");
        if (File.Exists(full))
        {
            throw CuboidException.Usage($"--out '{target}' is a file; give a directory");
        }

        // Commit replaces the target whole, so it may only replace an earlier report: never a folder that
        // holds anything else (the source video, the user's home, the working directory).
        if (Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any() && !IsEarlierReport(full))
        {
            throw CuboidException.Usage($"--out '{target}' is a folder that holds other files; give a new or empty folder, or an earlier report's folder");
        }

        Directory.CreateDirectory(parent);
        var staging = System.IO.Path.Combine(parent, $".{System.IO.Path.GetFileName(full)}.partial-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        return new StagedDirectory(full, staging);
    }

    /// <summary>Moves the staged content to <see cref="Target"/>, replacing what was there.</summary>
    public void Commit()
    {
        string? old = null;
        if (Directory.Exists(Target))
        {
            old = Target + $".old-{Guid.NewGuid():N}";
            Directory.Move(Target, old);
        }

        Directory.Move(Path, Target);
        _committed = true;
        if (old is not null)
        {
            Directory.Delete(old, recursive: true);
        }
    }

    /// <summary>A folder an earlier run wrote: only report files and frames, with a report.json.</summary>
    private static bool IsEarlierReport(string folder)
    {
        var reportFiles = new HashSet<string>(StringComparer.Ordinal)
        {
            "report.json", "report.md", "report.html", "chapters.vtt", "frames",
        };
        return File.Exists(System.IO.Path.Combine(folder, "report.json"))
            && Directory.EnumerateFileSystemEntries(folder).All(e => reportFiles.Contains(System.IO.Path.GetFileName(e)));
    }

    public void Dispose()
    {
        if (!_committed && Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
