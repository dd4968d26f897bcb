using Cuboid.Generation;
using Cuboid.Server.Blobs;
using Microsoft.Extensions.Options;

namespace Cuboid.Server.Videos;

/// <summary>
/// The image files of a queued video job (its first and last frames) kept in the shared blob store under the job's id,
/// not on the API host's disk, so the worker that sends the create reads them on any machine. The queued request names
/// their blob keys; the submit step turns the keys back into local paths. They are deleted once the create is done with
/// (sent, or the job ended before it could be): a create is never sent twice, and the job record keeps no path to them.
/// </summary>
public sealed class VideoJobInputs(IBlobStore blobs, IOptions<ServerOptions> options)
{
    // Where servers before the blob store left a queued job's frames; only files in it are deleted by path.
    private readonly string _uploads = Path.GetFullPath(Path.Combine(options.Value.StoreFolder(), "uploads")) + Path.DirectorySeparatorChar;

    /// <summary>The blob key of a job's first frame.</summary>
    public static string FirstFrameKey(string jobId) => $"video-jobs/{jobId}/first-frame";

    /// <summary>The blob key of a job's last frame.</summary>
    public static string LastFrameKey(string jobId) => $"video-jobs/{jobId}/last-frame";

    /// <summary>Moves the request's uploaded files into the blob store; the request returned names their keys.</summary>
    public async Task<GenerateRequest> KeepAsync(string jobId, GenerateRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request with
        {
            FirstFramePath = await MoveAsync(request.FirstFramePath, FirstFrameKey(jobId), cancellationToken),
            LastFramePath = await MoveAsync(request.LastFramePath, LastFrameKey(jobId), cancellationToken),
        };
    }

    /// <summary>
    /// The queued request with its blob keys as paths on this machine (copies under <paramref name="scratch"/> where the
    /// store is not a directory). A frame no longer in the store is an input error: the job ends unsent.
    /// </summary>
    public async Task<GenerateRequest> ResolveAsync(GenerateRequest request, string scratch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request with
        {
            FirstFramePath = await LocalAsync(request.FirstFramePath, scratch, "first frame", cancellationToken),
            LastFramePath = await LocalAsync(request.LastFramePath, scratch, "last frame", cancellationToken),
        };
    }

    /// <summary>Deletes the job's frames from the blob store (nothing happens for a job without any).</summary>
    public async Task DeleteAsync(string jobId, CancellationToken cancellationToken)
    {
        await blobs.DeleteAsync(FirstFrameKey(jobId), cancellationToken);
        await blobs.DeleteAsync(LastFrameKey(jobId), cancellationToken);
    }

    /// <summary>
    /// Deletes the job's frames once its create is done with: those in the blob store, and those a server from before the
    /// blob store queued by their path in this host's <c>STORE/uploads</c> (a path anywhere else is left alone).
    /// </summary>
    public async Task DeleteAsync(string jobId, GenerateRequest queued, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queued);
        await DeleteAsync(jobId, cancellationToken);
        foreach (var path in new[] { queued.FirstFramePath, queued.LastFramePath })
        {
            if (path is not null && Path.IsPathRooted(path) && Path.GetFullPath(path).StartsWith(_uploads, StringComparison.Ordinal))
            {
                File.Delete(path);
            }
        }
    }

    private async Task<string?> MoveAsync(string? path, string key, CancellationToken cancellationToken)
    {
        if (path is null)
        {
            return null;
        }

        await using (var content = File.OpenRead(path))
        {
            await blobs.PutAsync(key, content, cancellationToken);
        }

        File.Delete(path);
        return key;
    }

    private async Task<string?> LocalAsync(string? key, string scratch, string what, CancellationToken cancellationToken) =>
        key is null || Path.IsPathRooted(key) ? key // A rooted path: a job queued by an older server, its file on that host's disk.
        : await blobs.LocalPathAsync(key, scratch, cancellationToken) ?? throw CuboidException.Input($"the job's {what} is no longer in the blob store");
}
