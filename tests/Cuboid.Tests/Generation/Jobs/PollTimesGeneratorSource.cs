using System.Collections.Concurrent;
using Cuboid.Generation;
using Cuboid.Generation.Jobs;

namespace Cuboid.Tests.Generation.Jobs;

/// <summary>Generators that note the (fake) time of every status request before passing it on to the real adapter.</summary>
internal sealed class PollTimesGeneratorSource(IVideoGeneratorSource inner, TimeProvider time) : IVideoGeneratorSource
{
    public ConcurrentQueue<DateTimeOffset> Polls { get; } = new();

    public IVideoGenerator For(string host) => new Recording(inner.For(host), this, time);

    private sealed class Recording(IVideoGenerator inner, PollTimesGeneratorSource owner, TimeProvider time) : DelegatingVideoGenerator(inner)
    {
        public override Task<VideoJobStatus> GetAsync(string providerJobId, CancellationToken cancellationToken = default)
        {
            owner.Polls.Enqueue(time.GetUtcNow());
            return base.GetAsync(providerJobId, cancellationToken);
        }
    }
}
