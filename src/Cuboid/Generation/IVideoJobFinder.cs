namespace Cuboid.Generation;

/// <summary>
/// Hosts that can list their jobs (Replicate) implement this, so a create whose answer was lost in a crash can be found
/// again instead of being marked unknown or, worse, sent twice.
/// </summary>
public interface IVideoJobFinder
{
    /// <summary>The job created at or after <paramref name="since"/> for this model and prompt, if the host has one.</summary>
    Task<VideoJobStatus?> FindSubmittedAsync(DateTimeOffset since, string? modelId, string prompt, CancellationToken cancellationToken = default);
}
