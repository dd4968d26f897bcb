namespace Cuboid.Generation;

/// <summary>
/// One host's asynchronous video generation, in the style of Microsoft.Extensions.AI (which has no video interface):
/// submit a job, ask how it is, cancel it, download its outputs. Every call but <see cref="SubmitAsync"/> is read-only
/// or idempotent, so it may be retried; a create is never retried by an implementation, because no host offers an
/// idempotency key and a retry could bill twice.
/// </summary>
public interface IVideoGenerator : IDisposable
{
    /// <summary>Who this generator is: provider, base URL and default model.</summary>
    VideoGeneratorMetadata Metadata { get; }

    /// <summary>Sends the create request once and returns the host's first status (with its job id).</summary>
    Task<VideoJobStatus> SubmitAsync(VideoGenerationRequest request, VideoGenerationOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>The host's current status of job <paramref name="providerJobId"/> (read-only, so it may be retried).</summary>
    Task<VideoJobStatus> GetAsync(string providerJobId, CancellationToken cancellationToken = default);

    /// <summary>Asks the host to cancel; false when the host has no cancel (the job keeps running there).</summary>
    Task<bool> CancelAsync(string providerJobId, CancellationToken cancellationToken = default);

    /// <summary>Copies one output's bytes into <paramref name="destination"/>.</summary>
    Task DownloadAsync(string providerJobId, VideoOutput output, Stream destination, CancellationToken cancellationToken = default);

    /// <summary>This generator or a service it wraps (e.g. <see cref="IVideoJobFinder"/>), as Microsoft.Extensions.AI clients do.</summary>
    object? GetService(Type serviceType, object? serviceKey = null);
}
