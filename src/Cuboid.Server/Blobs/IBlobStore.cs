namespace Cuboid.Server.Blobs;

/// <summary>
/// Where large files live when the work is shared (uploads, exported frames, reports): never in the database. Keys are
/// relative paths made by the server (<c>videos/SHA256</c>, <c>items/ID/report/report.html</c>), never from user text.
/// The default is a directory on shared storage (<see cref="DirectoryBlobStore"/>); an object store implements the same.
/// </summary>
public interface IBlobStore
{
    /// <summary>Writes <paramref name="content"/> under <paramref name="key"/>, replacing it atomically.</summary>
    Task PutAsync(string key, Stream content, CancellationToken cancellationToken);

    /// <summary>The blob's content, or null when there is none.</summary>
    Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// A path on this machine holding the blob, for tools that read files (ffmpeg): the blob itself on a shared
    /// directory, else a copy under <paramref name="scratch"/>. Null when there is no such blob.
    /// </summary>
    Task<string?> LocalPathAsync(string key, string scratch, CancellationToken cancellationToken);

    /// <summary>Removes the blob under <paramref name="key"/>; nothing happens when there is none.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken);
}
