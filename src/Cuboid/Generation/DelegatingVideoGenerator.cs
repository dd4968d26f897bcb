namespace Cuboid.Generation;

/// <summary>A generator that passes every call to an inner one; derive from it to add behaviour (logging, limits), as with <c>DelegatingChatClient</c>.</summary>
public abstract class DelegatingVideoGenerator : IVideoGenerator
{
    /// <summary>Wraps <paramref name="innerGenerator"/>, which this generator disposes with itself.</summary>
    protected DelegatingVideoGenerator(IVideoGenerator innerGenerator) =>
        InnerGenerator = innerGenerator ?? throw new ArgumentNullException(nameof(innerGenerator));

    /// <summary>The generator every call is passed to.</summary>
    protected IVideoGenerator InnerGenerator { get; }

    /// <inheritdoc/>
    public virtual VideoGeneratorMetadata Metadata => InnerGenerator.Metadata;

    /// <inheritdoc/>
    public virtual Task<VideoJobStatus> SubmitAsync(VideoGenerationRequest request, VideoGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
        InnerGenerator.SubmitAsync(request, options, cancellationToken);

    /// <inheritdoc/>
    public virtual Task<VideoJobStatus> GetAsync(string providerJobId, CancellationToken cancellationToken = default) =>
        InnerGenerator.GetAsync(providerJobId, cancellationToken);

    /// <inheritdoc/>
    public virtual Task<bool> CancelAsync(string providerJobId, CancellationToken cancellationToken = default) =>
        InnerGenerator.CancelAsync(providerJobId, cancellationToken);

    /// <inheritdoc/>
    public virtual Task DownloadAsync(string providerJobId, VideoOutput output, Stream destination, CancellationToken cancellationToken = default) =>
        InnerGenerator.DownloadAsync(providerJobId, output, destination, cancellationToken);

    /// <summary>This generator when it is a <paramref name="serviceType"/> (and no key is asked for), else what the inner generator returns.</summary>
    public virtual object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this : InnerGenerator.GetService(serviceType, serviceKey);
    }

    /// <summary>Disposes the inner generator.</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Disposes the inner generator when <paramref name="disposing"/>; override to release what a derived generator owns.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            InnerGenerator.Dispose();
        }
    }
}
