namespace Cuboid.Media;

/// <summary>
/// Writes files into a folder atomically: everything goes to a hidden staging folder beside the target,
/// and only <see cref="Commit"/> moves it into place. Disposing without committing deletes the
/// staging folder, so a failed run leaves no half-written output.
/// </summary>
public sealed class OutputFolder : IDisposable
{
    private bool _committed;

    public OutputFolder(string target)
    {
        if (File.Exists(target))
        {
            throw CuboidException.Usage($"{target} is a file; --out needs a folder");
        }

        Target = Path.GetFullPath(target);
        var parent = Path.GetDirectoryName(Target.TrimEnd(Path.DirectorySeparatorChar)) ?? ".";
        Staging = Path.Combine(parent, $".{Path.GetFileName(Target.TrimEnd(Path.DirectorySeparatorChar))}.cuboid-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(parent);
            Directory.CreateDirectory(Staging);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw CuboidException.Input($"cannot write the output folder {target}: {(ex is UnauthorizedAccessException ? "permission denied" : "the file system refused it")}", ex);
        }
    }

    /// <summary>The folder the files end up in.</summary>
    public string Target { get; }

    /// <summary>Where to write while working.</summary>
    public string Staging { get; }

    /// <summary>Moves every staged file into <see cref="Target"/> (replacing same-named files) and returns the final path of each.</summary>
    public IReadOnlyDictionary<string, string> Commit()
    {
        var moved = new Dictionary<string, string>(StringComparer.Ordinal);
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
        return moved;
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
