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

    public void Dispose()
    {
        if (!_committed && Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
