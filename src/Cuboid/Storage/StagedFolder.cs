namespace Cuboid.Storage;

/// <summary>
/// Writes an output folder atomically: everything goes to a hidden staging folder beside the target, and only
/// <see cref="Commit"/> moves it into place; disposing without a commit deletes the staging folder, so a failed run
/// leaves no half-written output. Two ways to land: <see cref="Merging"/> adds the files to the target (replacing
/// same-named ones, keeping the user's others: frame export), and <see cref="Replacing"/> swaps the whole folder
/// in, which it only does to a folder that is empty or holds an earlier output of the same kind (a report), never
/// the user's files. A staging folder's name records its owner (<see cref="StagingOwner"/>); the next run into the same
/// target removes the ones whose owner is gone (a run killed with <c>kill -9</c> cannot clean up after itself).
/// </summary>
internal sealed class StagedFolder : IDisposable
{
    private readonly bool _replace;
    private bool _committed;

    private StagedFolder(string target, bool replace, Func<string, bool>? isEarlierOutput)
    {
        var trimmed = target.TrimEnd('/', '\\');
        if (File.Exists(trimmed))
        {
            throw CuboidException.Usage(CuboidErrorCodes.OutputInvalid, CuboidParameters.OutputDirectory, $"{CuboidParameters.OutputDirectory} {target} is a file; give a folder");
        }

        Target = Path.GetFullPath(trimmed.Length == 0 ? target : trimmed);
        if (replace && Directory.Exists(Target) && Directory.EnumerateFileSystemEntries(Target).Any() && isEarlierOutput?.Invoke(Target) != true)
        {
            // The commit replaces the target whole: never the source video's folder, the home or working directory.
            throw CuboidException.Usage(CuboidErrorCodes.OutputInvalid, CuboidParameters.OutputDirectory, $"{CuboidParameters.OutputDirectory} {target} is a folder that holds other files; give a new or empty folder, or an earlier report's folder");
        }

        _replace = replace;
        var parent = Path.GetDirectoryName(Target) ?? throw CuboidException.Usage(CuboidErrorCodes.OutputInvalid, CuboidParameters.OutputDirectory, $"{CuboidParameters.OutputDirectory} {target} cannot be replaced; give a folder inside it");
        Staging = Path.Combine(parent, StagingOwner.Current.FolderName(Path.GetFileName(Target)));
        try
        {
            RemoveAbandoned(parent, Path.GetFileName(Target));
            Directory.CreateDirectory(parent);
            Directory.CreateDirectory(Staging);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw CuboidException.Input(CuboidErrorCodes.OutputUnwritable, CuboidParameters.OutputDirectory, $"cannot write the output folder {target}: {(ex is UnauthorizedAccessException ? "permission denied" : "the file system refused it")}", ex);
        }
    }

    /// <summary>The folder the output ends up in (full path).</summary>
    public string Target { get; }

    /// <summary>Where to write until <see cref="Commit"/>.</summary>
    public string Staging { get; }

    /// <summary>Staged files are added to <paramref name="target"/>; what else is there stays.</summary>
    public static StagedFolder Merging(string target) => new(target, replace: false, null);

    /// <summary>
    /// The staged folder replaces <paramref name="target"/> whole, which must be absent, empty, or a folder
    /// <paramref name="isEarlierOutput"/> recognises (a usage error otherwise, before anything is written).
    /// </summary>
    public static StagedFolder Replacing(string target, Func<string, bool> isEarlierOutput) => new(target, replace: true, isEarlierOutput);

    /// <summary>Moves the staged output into <see cref="Target"/> and returns the final path of each top-level staged file.</summary>
    public IReadOnlyDictionary<string, string> Commit()
    {
        var moved = new Dictionary<string, string>(StringComparer.Ordinal);
        string? old = null;
        if (_replace && Directory.Exists(Target))
        {
            old = Target + $".old-{Guid.NewGuid():N}";
            Directory.Move(Target, old);
        }

        if (!Directory.Exists(Target))
        {
            // The whole folder appears at once.
            Directory.Move(Staging, Target);
            foreach (var file in Directory.EnumerateFiles(Target))
            {
                moved[Path.Combine(Staging, Path.GetFileName(file))] = file;
            }
        }
        else
        {
            foreach (var file in Directory.EnumerateFiles(Staging))
            {
                var destination = Path.Combine(Target, Path.GetFileName(file));
                File.Move(file, destination, overwrite: true);
                moved[file] = destination;
            }

            Directory.Delete(Staging, recursive: true);
        }

        _committed = true;
        if (old is not null)
        {
            Directory.Delete(old, recursive: true);
        }

        return moved;
    }

    /// <summary>Deletes the staging folders for <paramref name="targetName"/> whose owning process has exited.</summary>
    private static void RemoveAbandoned(string parent, string targetName)
    {
        if (!Directory.Exists(parent))
        {
            return;
        }

        foreach (var folder in Directory.EnumerateDirectories(parent, $".{targetName}.partial-*"))
        {
            if (StagingOwner.FromFolderName(Path.GetFileName(folder), targetName) is { } owner && !owner.IsRunning())
            {
                try
                {
                    Directory.Delete(folder, recursive: true);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // Another run removing the same debris, or not ours to delete: leave it.
                }
            }
        }
    }

    public void Dispose()
    {
        if (!_committed && Directory.Exists(Staging))
        {
            try
            {
                Directory.Delete(Staging, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a leftover hidden staging folder is harmless.
            }
        }
    }
}
