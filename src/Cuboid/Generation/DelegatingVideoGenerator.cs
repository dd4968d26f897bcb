namespace Cuboid.Generation;

/// <summary>A generator that passes every call to an inner one; derive from it to add behaviour (logging, limits), as with <c>DelegatingChatClient</c>.</summary>
public abstract class DelegatingVideoGenerator : IVideoGenerator
{
    protected DelegatingVideoGenerator(IVideoGenerator innerGenerator) =>
        InnerGenerator = innerGenerator ?? throw new ArgumentNullException(nameof(innerGenerator));

    protected IVideoGenerator InnerGenerator { get; }

    public virtual VideoGeneratorMetadata Metadata => InnerGenerator.Metadata;

    public virtual Task<VideoJobStatus> SubmitAsync(VideoGenerationRequest request, VideoGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
        InnerGenerator.SubmitAsync(request, options, cancellationToken);

    public virtual Task<VideoJobStatus> GetAsync(string providerJobId, CancellationToken cancellationToken = default) =>
        InnerGenerator.GetAsync(providerJobId, cancellationToken);

    public virtual Task<bool> CancelAsync(string providerJobId, CancellationToken cancellationToken = default) =>
        InnerGenerator.CancelAsync(providerJobId, cancellationToken);

    public virtual Task DownloadAsync(string providerJobId, VideoOutput output, Stream destination, CancellationToken cancellationToken = default) =>
        InnerGenerator.DownloadAsync(providerJobId, output, destination, cancellationToken);

    public virtual object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this : InnerGenerator.GetService(serviceType, serviceKey);
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            InnerGenerator.Dispose();
        }
    }
}
