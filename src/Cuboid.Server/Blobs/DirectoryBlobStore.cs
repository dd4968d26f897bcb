namespace Cuboid.Server.Blobs;

/// <summary>
/// Blobs as files under one folder (a local disk for one machine, an NFS or SMB mount shared by a cluster): written to a
/// temporary name beside the target and renamed, so a reader on another machine never sees half a file.
/// </summary>
public sealed class DirectoryBlobStore(string root) : IBlobStore
{
    public string Root { get; } = Path.GetFullPath(root);

    public async Task PutAsync(string key, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var partial = $"{path}.partial-{Guid.NewGuid():N}";
        try
        {
            await using (var target = File.Create(partial))
            {
                await content.CopyToAsync(target, cancellationToken);
            }

            File.Move(partial, path, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    public Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        return Task.FromResult<Stream?>(File.Exists(path) ? File.OpenRead(path) : null);
    }

    public Task<string?> LocalPathAsync(string key, string scratch, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        return Task.FromResult(File.Exists(path) ? path : null);
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        if (File.Exists(path))
        {
            File.Delete(path);
        }

        return Task.CompletedTask;
    }

    /// <summary>The file of a key; a key that would leave the root is refused.</summary>
    public string PathOf(string key)
    {
        var path = Path.GetFullPath(Path.Combine(Root, key));
        return path.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? path
            : throw new ArgumentException($"blob key '{key}' leaves the blob folder", nameof(key));
    }
}
